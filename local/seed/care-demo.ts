/**
 * The demo care register (关爱对象与定期探访), dated from `now` so that the demo always has this
 * month and last: 沁园社区's elderly living alone and two more, paired with 徐敏 (demo-xu-min), 曹丽华
 * and 夕阳红助老服务队 (led by 张建国); one withdrawn; one in 太河村. This month someone expected is
 * not visited (the coverage is below 100%) and 李德忠 is overdue. Each entry's schedule is as the
 * system would have left it, reminders and escalations already sent for due dates past them.
 */
import { scheduleFrom } from '../../server/care/schedule'
import type { CareEntryDoc, CareVisitDoc, PersonDoc } from '../../server/data/documents'
import { nextVisitDue } from '../../shared/domain/care'
import { inShanghai } from '../../shared/domain/time'
import { communities, people } from './demo-data'

const urban = communities.find((c) => c._id === 'c-zd-qinyuan')!
const rural = communities.find((c) => c._id === 'c-zc-taihe')!
const person = (id: string): PersonDoc => people.find((p) => p._id === id)!

const committeeUrban = { recordedByOpenid: 'demo-zhou-haiyan', recordedByName: '周海燕' }
const committeeRural = { recordedByOpenid: 'demo-sun-dehai', recordedByName: '孙德海' }
const xuMin = { memberId: 'r-vol-qy-xiyanghong-xu-min', openid: 'demo-xu-min' }
const caoLihua = { memberId: 'r-vol-qy-xiyanghong-cao-lihua', openid: 'demo-cao-lihua' }
const puXiaojuan = { memberId: 'r-vol-th-qiaosao-pu-xiaojuan', openid: 'demo-pu-xiaojuan' }
const visitors: Record<string, string> = {
  'demo-xu-min': '徐敏',
  'demo-cao-lihua': '曹丽华',
  'demo-zhang-jianguo': '张建国',
  'demo-pu-xiaojuan': '蒲晓娟',
}

type Visit = Pick<CareVisitDoc, 'visitedAt' | 'mode' | 'wellbeing' | 'notes' | 'visitorOpenid'>

interface Person {
  entry: Omit<CareEntryDoc, 'lastVisitAt' | 'nextDueAt' | 'remindAt' | 'escalateAt' | 'pairedOpenids' | 'updatedAt' | 'active'>
  visits: Visit[]
}

/** A linked resident's own details: name, phone, place and home. */
function resident(id: string) {
  const p = person(id)
  return {
    residentId: p._id,
    name: p.name,
    phone: p.phone,
    neighbourhood: p.neighbourhood!,
    addressDetail: p.addressDetail!,
    location: p.location!,
  }
}

export function careDemoData(now: Date): { care_register: CareEntryDoc[]; care_visits: CareVisitDoc[] } {
  const today = inShanghai(now)
  const thisMonth = today.startOf('month')
  const lastMonth = thisMonth.subtract(1, 'month')
  const daysAgo = (n: number) => today.subtract(n, 'day').toDate()
  /** `n` days ago, or early this month if that is before it began; never later than a minute ago. */
  const earlierThisMonth = (n: number) =>
    new Date(
      Math.min(Math.max(thisMonth.add(30, 'minute').valueOf(), today.subtract(n, 'day').valueOf()), today.subtract(1, 'minute').valueOf()),
    )
  const lastMonthDay = (day: number) =>
    lastMonth
      .add(day - 1, 'day')
      .hour(10)
      .toDate()

  const consent = (at: Date, giverName: string, recorder = committeeUrban) => ({
    giver: 'self' as const,
    giverName,
    method: 'signed_form' as const,
    at,
    ...recorder,
  })
  const visit = (visitedAt: Date, visitorOpenid: string, mode: Visit['mode'], wellbeing: Visit['wellbeing'], notes?: string): Visit => ({
    visitedAt,
    mode,
    wellbeing,
    ...(notes ? { notes } : {}),
    visitorOpenid,
  })

  const registeredWang = lastMonth.subtract(45, 'day').toDate()
  const registeredZhao = lastMonth.subtract(40, 'day').toDate()
  const registeredLi = lastMonth.subtract(70, 'day').toDate()
  const registeredQian = lastMonth.subtract(60, 'day').toDate()
  const registeredZhou = daysAgo(3)
  const registeredLiGuixiang = lastMonth.subtract(50, 'day').toDate()

  const register: Person[] = [
    {
      entry: {
        _id: 'care-wang-guilan',
        communityId: urban._id,
        ...resident('p-wang-guilan'),
        groups: ['独居老人', '高龄老人'],
        careNeeds: '独居，腿脚不便，上下楼吃力；有高血压，请提醒按时吃药。',
        emergencyContact: { name: '王晓红', relation: '女儿', phone: '13864301257' },
        frequency: 'monthly',
        consent: consent(registeredWang, '王桂兰'),
        registeredAt: registeredWang,
        pairing: { organisationId: 'org-qy-xiyanghong', volunteers: [xuMin] },
      },
      visits: [
        visit(lastMonth.subtract(25, 'day').toDate(), xuMin.openid, 'in_person', 'good'),
        visit(lastMonthDay(6), xuMin.openid, 'in_person', 'good', '精神不错，帮忙换了厨房的灯泡。'),
        visit(earlierThisMonth(2), xuMin.openid, 'phone', 'good', '电话里说一切都好，药还够吃半个月。'),
      ],
    },
    {
      entry: {
        _id: 'care-zhao-shuzhen',
        communityId: urban._id,
        ...resident('p-zhao-shuzhen'),
        groups: ['独居老人', '高龄老人'],
        careNeeds: '八十多岁独居，走路要扶助行器；每周上门看看，帮忙买些菜。',
        emergencyContact: { name: '赵建军', relation: '儿子', phone: '15853320746' },
        // 独居高龄: the committee set weekly visits.
        frequency: 'weekly',
        consent: consent(registeredZhao, '赵淑珍'),
        registeredAt: registeredZhao,
        pairing: { volunteers: [xuMin] },
      },
      visits: Array.from({ length: 8 }, (_, k) =>
        visit(
          daysAgo(2 + 7 * k),
          xuMin.openid,
          'in_person',
          k === 3 ? 'fair' : 'good',
          k === 3 ? '有点感冒，已提醒多喝水，过两天再来看。' : undefined,
        ),
      ),
    },
    {
      entry: {
        _id: 'care-li-dezhong',
        communityId: urban._id,
        ...resident('p-li-dezhong'),
        groups: ['独居老人', '高龄老人', '残疾人'],
        careNeeds: '左腿残疾，家里只有座机；电话打不通时请直接上门看看。',
        emergencyContact: { name: '李明', relation: '儿子', phone: '13589530164' },
        frequency: 'monthly',
        consent: consent(registeredLi, '李德忠'),
        registeredAt: registeredLi,
        pairing: { organisationId: 'org-qy-xiyanghong', volunteers: [] },
      },
      // A month and three days ago: overdue now, not yet past the grace days.
      visits: [
        visit(today.subtract(2, 'month').subtract(1, 'day').toDate(), 'demo-zhang-jianguo', 'in_person', 'good'),
        visit(
          today.subtract(1, 'month').subtract(3, 'day').toDate(),
          'demo-zhang-jianguo',
          'in_person',
          'fair',
          '腿疼得厉害，建议去医院复查，儿子说周末带他去。',
        ),
      ],
    },
    {
      entry: {
        _id: 'care-sun-xiuying',
        communityId: urban._id,
        ...resident('p-sun-xiuying'),
        groups: ['独居老人', '低保对象'],
        careNeeds: '独居；冬天家里冷，要留意取暖和用电安全。',
        emergencyContact: { name: '孙丽', relation: '侄女', phone: '18764320915' },
        frequency: 'monthly',
        consent: consent(registeredWang, '孙秀英'),
        registeredAt: registeredWang,
        pairing: { organisationId: 'org-qy-xiyanghong', volunteers: [xuMin] },
      },
      // Visited last month, not yet this month.
      visits: [visit(lastMonthDay(4), xuMin.openid, 'phone', 'fair', '说最近睡得不好，下次上门看看。')],
    },
    {
      entry: {
        _id: 'care-song-guiying',
        communityId: urban._id,
        ...resident('p-song-guiying'),
        groups: ['独居老人'],
        careNeeds: '耳朵背，敲门要用力；说话慢一点，她就听得清。',
        emergencyContact: { name: '宋刚', relation: '儿子', phone: '13905339271' },
        frequency: 'monthly',
        consent: consent(registeredZhao, '宋桂英'),
        registeredAt: registeredZhao,
        pairing: { organisationId: 'org-qy-xiyanghong', volunteers: [caoLihua] },
      },
      visits: [
        visit(lastMonthDay(13), caoLihua.openid, 'in_person', 'good'),
        visit(earlierThisMonth(6), caoLihua.openid, 'in_person', 'good', '一起包了饺子，老人很高兴。'),
      ],
    },
    {
      // Does not use the mini-program: the community centre is the place, her son consented.
      entry: {
        _id: 'care-zhou-deshun',
        communityId: urban._id,
        name: '周德顺',
        neighbourhood: '沁园小区',
        addressDetail: '5号楼1单元102',
        location: urban.centre,
        groups: ['失能老人', '特困人员'],
        careNeeds: '长期卧床，由儿子照顾；儿子白天上班，中午前后最好有人来看一眼。',
        emergencyContact: { name: '周建华', relation: '儿子', phone: '15964318820' },
        frequency: 'monthly',
        consent: { giver: 'family', giverName: '周建华', method: 'signed_form', at: registeredZhou, ...committeeUrban },
        registeredAt: registeredZhou,
        pairing: { organisationId: 'org-qy-xiyanghong', volunteers: [] },
      },
      visits: [],
    },
    {
      entry: {
        _id: 'care-li-guixiang',
        communityId: rural._id,
        ...resident('p-li-guixiang'),
        groups: ['农村留守老人', '独居老人', '高龄老人'],
        careNeeds: '儿女在外地打工，一个人住；眼神不好，要帮着看看药盒上的字。',
        emergencyContact: { name: '张红', relation: '女儿', phone: '13791528604' },
        frequency: 'monthly',
        consent: { giver: 'self', giverName: '李桂香', method: 'recorded_verbal', at: registeredLiGuixiang, ...committeeRural },
        registeredAt: registeredLiGuixiang,
        pairing: { organisationId: 'org-th-qiaosao', volunteers: [puXiaojuan] },
      },
      visits: [
        visit(lastMonthDay(9), puXiaojuan.openid, 'in_person', 'good'),
        visit(earlierThisMonth(4), puXiaojuan.openid, 'in_person', 'good', '拆洗了被褥，老人说谢谢。'),
      ],
    },
  ]

  const visits: CareVisitDoc[] = []
  const entries = register.map(({ entry, visits: own }) => {
    own.forEach((v, i) =>
      visits.push({
        _id: `${entry._id}-visit-${i + 1}`,
        entryId: entry._id,
        communityId: entry.communityId,
        visitorName: visitors[v.visitorOpenid],
        recordedAt: v.visitedAt,
        updatedAt: v.visitedAt,
        ...v,
      }),
    )
    const lastVisitAt = own.length > 0 ? new Date(Math.max(...own.map((v) => v.visitedAt.getTime()))) : null
    return active(entry, lastVisitAt, now)
  })

  // Withdrew consent last month: off the register, pairing ended, her visits kept.
  const qianVisit: CareVisitDoc = {
    _id: 'care-qian-yuzhen-visit-1',
    entryId: 'care-qian-yuzhen',
    communityId: urban._id,
    visitedAt: lastMonth.subtract(30, 'day').toDate(),
    mode: 'in_person',
    wellbeing: 'good',
    visitorOpenid: xuMin.openid,
    visitorName: '徐敏',
    recordedAt: lastMonth.subtract(30, 'day').toDate(),
    updatedAt: lastMonth.subtract(30, 'day').toDate(),
  }
  visits.push(qianVisit)
  entries.push({
    _id: 'care-qian-yuzhen',
    communityId: urban._id,
    name: '钱玉珍',
    phone: '15069330218',
    neighbourhood: '公园东苑',
    addressDetail: '4号楼2单元301',
    location: urban.centre,
    groups: ['空巢老人'],
    careNeeds: '老伴去世后一个人住，常常想女儿。',
    emergencyContact: { name: '刘倩', relation: '女儿', phone: '18653109472' },
    frequency: 'monthly',
    consent: consent(registeredQian, '钱玉珍'),
    registeredAt: registeredQian,
    active: false,
    withdrawal: { at: lastMonthDay(11), note: '女儿接她去济南同住，本人打电话撤回同意。', ...committeeUrban },
    pairing: { volunteers: [] },
    pairedOpenids: [],
    lastVisitAt: qianVisit.visitedAt,
    updatedAt: lastMonthDay(11),
  })
  return { care_register: entries, care_visits: visits }
}

/** An active entry with its schedule, and the reminder and escalation for its due date marked sent if already past. */
function active(entry: Person['entry'], lastVisitAt: Date | null, now: Date): CareEntryDoc {
  const schedule = scheduleFrom(
    nextVisitDue({ frequency: entry.frequency, registeredAt: entry.registeredAt, lastVisitAt }),
    entry.frequency,
  )
  return {
    ...entry,
    active: true,
    pairedOpenids: entry.pairing.volunteers.map((v) => v.openid),
    ...(lastVisitAt ? { lastVisitAt } : {}),
    nextDueAt: schedule.nextDueAt,
    ...(schedule.remindAt > now ? { remindAt: schedule.remindAt } : {}),
    ...(schedule.escalateAt > now ? { escalateAt: schedule.escalateAt } : {}),
    updatedAt: lastVisitAt ?? entry.registeredAt,
  }
}
