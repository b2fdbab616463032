import {
  keywordType,
  messageKinds,
  subscribeData,
  subscribeDataRefusal,
  urgencyPhrase,
  type MessageFields,
  type MessageKind,
} from '../../shared/domain/messages'
import { urgencyLabel } from '../../shared/domain/need'

/** Values people really type, too long or odd for a template, per keyword type. */
const oddValues: Record<string, string | Date> = {
  thing: '  沁园社区东区3号楼2单元\n楼道灯坏了很久，晚上老人上下楼看不清台阶，请尽快来修 🙏 ',
  phrase: '紧急（今天）',
  name: '阿依古丽·买买提江·热合曼',
  phone_number: '手机 +86 138-0533-1234 转 8',
  time: new Date('2026-12-01T17:05:00Z'),
  date: new Date('2026-12-31T16:30:00Z'),
}

describe('every message kind fits WeChat’s rules', () => {
  const kinds = Object.keys(messageKinds) as MessageKind[]

  it.each(kinds)('%s: long and odd values are fitted to their keywords', (kind) => {
    const fields = Object.fromEntries(
      Object.entries(messageKinds[kind].fields).map(([field, [keyword]]) => [field, oddValues[keywordType(keyword)!]]),
    )
    const data = subscribeData(kind, fields as MessageFields<typeof kind>)
    expect(subscribeDataRefusal(kind, data)).toBeNull()
    expect(Object.keys(data).sort()).toEqual(
      Object.values(messageKinds[kind].fields)
        .map(([keyword]) => keyword)
        .sort(),
    )
  })

  it('a long thing is cut at 20 characters with …; times and dates are Shanghai’s, as WeChat writes them', () => {
    const data = subscribeData('activityReminder', {
      title: oddValues.thing as string,
      startAt: oddValues.time as Date,
      address: '沁园',
      note: '活动明天开始',
    })
    expect(data.thing1.value).toBe('沁园社区东区3号楼2单元 楼道灯坏了很…')
    expect([...data.thing1.value]).toHaveLength(20)
    expect(data.time2.value).toBe('2026年12月2日 01:05')
    expect(subscribeData('careVisitDue', { name: oddValues.name as string, dueDate: oddValues.date as Date, tip: '探访' })).toEqual({
      name1: { value: '阿依古丽买买提江热合' },
      date2: { value: '2027年1月1日' },
      thing3: { value: '探访' },
    })
  })

  it('urgency is a phrase of Chinese only, where the labels people read are not', () => {
    const escalated = (urgency: string) => ({ thing1: { value: '助餐' }, phrase2: { value: urgency }, thing3: { value: '已转社区两委' } })
    for (const phrase of Object.values(urgencyPhrase)) expect(subscribeDataRefusal('needEscalated', escalated(phrase))).toBeNull()
    expect(subscribeDataRefusal('needEscalated', escalated(urgencyLabel.urgent))).toBe('argument invalid! data.phrase2.value invalid')
    expect(subscribeDataRefusal('needEscalated', escalated(urgencyLabel.life))).toBe('argument invalid! data.phrase2.value invalid')
  })

  it('refuses what WeChat refuses: our own data keys, a long thing, an empty value, a keyword the template lacks', () => {
    const good = {
      thing1: { value: '助餐' },
      phrase2: { value: '紧急' },
      thing3: { value: '沁园小区' },
      phone_number4: { value: '13805331234' },
    }
    expect(subscribeDataRefusal('lifeAlert', good)).toBeNull()
    expect(subscribeDataRefusal('lifeAlert', { helpKind: { value: '助餐' }, urgency: { value: '紧急' } })).toBe(
      'argument invalid! data.thing1.value is empty',
    )
    expect(subscribeDataRefusal('lifeAlert', { ...good, thing3: { value: '一二三四五六七八九十一二三四五六七八九十一' } })).toBe(
      'argument invalid! data.thing3.value invalid',
    )
    expect(subscribeDataRefusal('lifeAlert', { ...good, phone_number4: { value: '' } })).toBe(
      'argument invalid! data.phone_number4.value is empty',
    )
    expect(subscribeDataRefusal('lifeAlert', { ...good, time5: { value: '15:01' } })).toBe(
      'argument invalid! data.time5 is not a keyword of the template',
    )
    expect(
      subscribeDataRefusal('careVisitDue', { name1: { value: 'Li Lei' }, date2: { value: '2026-12-02' }, thing3: { value: '探访' } }),
    ).toBeNull()
    expect(
      subscribeDataRefusal('careVisitDue', { name1: { value: '王桂兰1' }, date2: { value: '2026-12-02' }, thing3: { value: '探访' } }),
    ).toBe('argument invalid! data.name1.value invalid')
    expect(
      subscribeDataRefusal('activityReminder', {
        thing1: { value: 'a' },
        time2: { value: '明天下午' },
        thing3: { value: 'b' },
        thing4: { value: 'c' },
      }),
    ).toBe('argument invalid! data.time2.value invalid')
  })
})
