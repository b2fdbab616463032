import {
  certificateNumberSchema,
  countedMinutes,
  entryTitle,
  formatCertificateNumber,
  idNumberSchema,
  inOrder,
  isValidIdNumber,
  issuerName,
  maskIdNumber,
  maskName,
  maskPhone,
  periodBounds,
  periodFields,
  shanghaiDay,
  splitByDailyCap,
  sumBy,
} from '../../shared/domain/timebank'
import { z } from 'zod'
import { daySchema } from '../../shared/domain/fields'
import { monthOf, monthRange } from '../../shared/domain/time'

describe('Shanghai days and months', () => {
  it('counts the day in Shanghai whatever zone the moment is written in', () => {
    expect(shanghaiDay(new Date('2026-08-01T15:59:59Z'))).toBe('2026-08-01')
    expect(shanghaiDay(new Date('2026-08-01T16:00:00Z'))).toBe('2026-08-02')
    expect(monthOf('2026-08-31T16:30:00Z')).toBe('2026-09')
  })

  it('starts the month at Shanghai midnight on the 1st', () => {
    expect(monthRange(monthOf(new Date('2026-09-15T03:00:00Z'))).start.toISOString()).toBe('2026-08-31T16:00:00.000Z')
    expect(monthRange(monthOf(new Date('2026-08-31T16:00:00Z'))).start.toISOString()).toBe('2026-08-31T16:00:00.000Z')
  })

  it('bounds a period of days from the first midnight to the midnight after the last day', () => {
    expect(periodBounds({ from: '2026-03-01', to: '2026-03-31' })).toEqual({
      since: new Date('2026-02-28T16:00:00Z'),
      until: new Date('2026-03-31T16:00:00Z'),
    })
    expect(periodBounds({})).toEqual({})
  })

  it('takes only days that exist, and a period whose end is not before its start', () => {
    expect(daySchema.safeParse('2026-02-28').success).toBe(true)
    expect(daySchema.safeParse('2026-02-29').success).toBe(false)
    expect(daySchema.safeParse('2026-13-01').success).toBe(false)
    expect(daySchema.safeParse('2026-3-1').success).toBe(false)
    const periodSchema = inOrder(z.strictObject(periodFields))
    expect(periodSchema.safeParse({ from: '2026-03-01', to: '2026-03-01' }).success).toBe(true)
    expect(periodSchema.safeParse({ from: '2026-03-02', to: '2026-03-01' }).error?.issues[0].path).toEqual(['to'])
  })
})

describe('居民身份证号', () => {
  // The standard's own example number, and one with X as its check character.
  const valid = ['11010519491231002X', '110101199003074477']

  it('takes a number whose check character and birth date are right, however spaced and cased', () => {
    for (const n of valid) expect(isValidIdNumber(n)).toBe(true)
    expect(idNumberSchema.parse(' 11010519491231002x ')).toBe('11010519491231002X')
  })

  it('refuses a wrong check character, a day that does not exist, and the wrong length', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false)
    expect(isValidIdNumber('110101199002304471')).toBe(false)
    expect(isValidIdNumber('11010119900307447')).toBe(false)
    expect(isValidIdNumber('11010119900307447A')).toBe(false)
  })

  it('shows only the last four digits', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('**************002X')
  })
})

describe('the daily cap', () => {
  it('credits what fits under the cap and holds the rest', () => {
    expect(splitByDailyCap(120, 0, 720)).toEqual({ credit: 120, hold: 0 })
    expect(splitByDailyCap(240, 600, 720)).toEqual({ credit: 120, hold: 120 })
    expect(splitByDailyCap(60, 720, 720)).toEqual({ credit: 0, hold: 60 })
    expect(splitByDailyCap(720, 0, 720)).toEqual({ credit: 720, hold: 0 })
  })

  it('holds everything when the day is already over a lowered cap', () => {
    expect(splitByDailyCap(30, 500, 60)).toEqual({ credit: 0, hold: 30 })
  })
})

describe('service hours from a record', () => {
  it('counts what the time bank settled: nothing pending, the credited part of a held one, all but the declined part', () => {
    expect(countedMinutes(120, { status: 'pending' })).toBe(0)
    expect(countedMinutes(120, { status: 'credited' })).toBe(120)
    expect(countedMinutes(240, { status: 'held', heldMinutes: 120 })).toBe(120)
    expect(countedMinutes(240, { status: 'declined', declinedMinutes: 120 })).toBe(120)
  })

  it('sums minutes by key in key order and leaves out keys with nothing', () => {
    const rows = [
      { k: 'b', m: 30 },
      { k: 'a', m: 60 },
      { k: 'b', m: 15 },
      { k: 'c', m: 0 },
    ]
    expect(
      sumBy(
        rows,
        (r) => r.k,
        (r) => r.m,
      ),
    ).toEqual([
      { key: 'a', minutes: 60 },
      { key: 'b', minutes: 45 },
    ])
  })
})

describe('masking and the certificate', () => {
  it('masks a name enough not to identify and enough to recognise', () => {
    expect(maskName('王桂兰')).toBe('王*兰')
    expect(maskName('杨丽')).toBe('杨*')
    expect(maskName('欧阳娜娜')).toBe('欧**娜')
    expect(maskName('王')).toBe('*')
  })

  it('masks a mobile and a landline to their ends', () => {
    expect(maskPhone('13953318426')).toBe('139****8426')
    expect(maskPhone('0533-2874315')).toBe('0533-****4315')
    expect(maskPhone('')).toBe('****')
  })

  it('reads a verification number however it is typed, and refuses letters the alphabet leaves out', () => {
    expect(certificateNumberSchema.parse(' abcd-efgh jkmn-pqrs ')).toBe('ABCDEFGHJKMNPQRS')
    expect(certificateNumberSchema.safeParse('ABCD-EFGH-IJKL-MNOP').success).toBe(false)
    expect(certificateNumberSchema.safeParse('ABCD').success).toBe(false)
    expect(formatCertificateNumber('ABCDEFGHJKMNPQRS')).toBe('ABCD-EFGH-JKMN-PQRS')
  })

  it('names the committee that issues it by the kind of community', () => {
    expect(issuerName('沁园社区', 'urban')).toBe('沁园社区居民委员会')
    expect(issuerName('太河村', 'rural')).toBe('太河村村民委员会')
  })
})

describe('how an entry reads', () => {
  it('says where the minutes came from or went, from the reader’s side', () => {
    expect(entryTitle({ kind: 'service', serviceTitle: '重阳节敬老饺子宴' })).toBe('志愿服务：重阳节敬老饺子宴')
    expect(entryTitle({ kind: 'gift', counterpartyName: '徐敏', incoming: true })).toBe('徐敏转赠')
    expect(entryTitle({ kind: 'gift', counterpartyName: '王桂兰', incoming: false })).toBe('转赠给王桂兰')
    expect(entryTitle({ kind: 'redeem', itemName: '大米 5kg' })).toBe('兑换：大米 5kg')
    expect(entryTitle({ kind: 'reversal', reversedKind: 'gift' })).toBe('冲正：转赠')
    expect(entryTitle({ kind: 'grant' })).toBe('社区发放')
  })
})
