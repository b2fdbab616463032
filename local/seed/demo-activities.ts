/**
 * Demo activities in 沁园社区, dated from the moment of seeding so that `npm start` always shows
 * something to come: a 志愿服务 with volunteer places (夕阳红, led by the demo lead 张建国), a
 * 邻里节 festival, a 重大活动 waiting in the committee's queue, and one finished last week whose
 * volunteers checked in and out and wait for the lead to confirm their hours.
 */
import { inShanghai } from '../../shared/domain/time'
import { maskedName, type SignUpRole } from '../../shared/domain/activity'
import { signUpDocId } from '../../server/data/activities'
import type { ActivityDoc, ActivityRatingDoc, ActivitySignUpDoc, GeoPoint } from '../../server/data/documents'

const urban = 'c-zd-qinyuan'

/** A Shanghai wall-clock time `days` days from `now`'s day: `at(now, 3, 9, 30)` is 09:30 three days on. */
function at(now: Date, days: number, hour: number, minute = 0): Date {
  return inShanghai(now).startOf('day').add(days, 'day').add(hour, 'hour').add(minute, 'minute').toDate()
}

const point = (lng: number, lat: number): GeoPoint => ({ type: 'Point', coordinates: [lng, lat] })

type Attendance = Pick<ActivitySignUpDoc, 'checkedInAt' | 'checkInBy' | 'checkedOutAt' | 'checkOutBy'>

interface DemoActivity {
  activity: Omit<ActivityDoc, 'places'>
  signUps: { openid: string; role: SignUpRole; at: Date; attendance?: Attendance }[]
}

/** The activity with its place lists and its sign-up documents, consistent with each other. */
function withSignUps({ activity, signUps }: DemoActivity): { activity: ActivityDoc; signUps: ActivitySignUpDoc[] } {
  const docs: ActivitySignUpDoc[] = signUps.map((s) => ({
    _id: signUpDocId(activity._id, s.openid),
    activityId: activity._id,
    openid: s.openid,
    role: s.role,
    status: 'confirmed',
    signedUpAt: s.at,
    ...s.attendance,
  }))
  const confirmed = (role: SignUpRole) =>
    docs.filter((d) => d.role === role).map((d) => ({ id: d._id, openid: d.openid, at: d.signedUpAt }))
  return {
    activity: {
      ...activity,
      places: {
        participant: { confirmed: confirmed('participant'), waitlisted: [] },
        volunteer: { confirmed: confirmed('volunteer'), waitlisted: [] },
      },
    },
    signUps: docs,
  }
}

export function demoActivities(now: Date): {
  activities: ActivityDoc[]
  activity_sign_ups: ActivitySignUpDoc[]
  activity_ratings: ActivityRatingDoc[]
} {
  const common = { communityId: urban, photos: [], approvalReasons: [], updatedAt: now }
  const finishedId = 'act-qy-lvguanjia-sorting'
  const demo: DemoActivity[] = [
    {
      activity: {
        ...common,
        _id: 'act-qy-xiyanghong-haircut',
        organisationId: 'org-qy-xiyanghong',
        title: '为独居老人上门理发',
        kind: 'volunteering',
        description:
          '队里请来两位理发师傅，志愿者陪同上门，为沁园小区行动不便的独居老人理发、剪指甲，顺便陪老人聊聊天。要理发的老人点“我需要这项服务”；会理发的、会聊天的欢迎来做志愿者。',
        location: point(118.0467, 36.8109),
        address: '沁园社区党群服务中心门前集合',
        startAt: at(now, 3, 9),
        endAt: at(now, 3, 11, 30),
        signUpDeadline: at(now, 2, 20),
        // 为老服务: the elderly ask for a haircut (我需要这项服务); volunteers go with the barbers.
        servesElders: true,
        participantPlaces: 8,
        volunteerPlaces: 6,
        volunteerMinutes: 150,
        status: 'published',
        publishedByOpenid: 'demo-zhang-jianguo',
        createdAt: at(now, -2, 10),
      },
      signUps: [
        { openid: 'demo-cao-lihua', role: 'volunteer', at: at(now, -2, 11) },
        { openid: 'demo-gao-peng', role: 'volunteer', at: at(now, -1, 19, 30) },
      ],
    },
    {
      activity: {
        ...common,
        _id: 'act-qy-wenti-neighbour-feast',
        organisationId: 'org-qy-wenti',
        title: '邻里节·百家宴',
        kind: 'festival',
        description: '每家带一道拿手菜，在人民公园东门广场摆长桌宴，舞动夕阳文体队表演节目。行动不便的老人由志愿者接送。',
        location: point(118.0489, 36.8092),
        address: '人民公园东门广场',
        startAt: at(now, 10, 11),
        endAt: at(now, 10, 14),
        signUpDeadline: at(now, 8, 18),
        participantPlaces: 40,
        volunteerPlaces: 8,
        volunteerMinutes: 180,
        status: 'published',
        publishedByOpenid: 'demo-liu-meihua',
        createdAt: at(now, -1, 9),
      },
      signUps: [
        { openid: 'demo-wang-guilan', role: 'participant', at: at(now, -1, 9, 40) },
        { openid: 'demo-zhao-shuzhen', role: 'participant', at: at(now, -1, 10, 5) },
        { openid: 'demo-li-dezhong', role: 'participant', at: at(now, -1, 15, 20) },
        { openid: 'demo-bai-yun', role: 'volunteer', at: at(now, -1, 9, 30) },
      ],
    },
    {
      activity: {
        ...common,
        _id: 'act-qy-linli-new-year-fair',
        organisationId: 'org-qy-linli',
        title: '迎新春游园会',
        kind: 'festival',
        description: '猜灯谜、写春联、套圈、包饺子，老少都能玩。人数较多，按社区重大活动报告制度报两委审批。',
        location: point(118.0478, 36.8101),
        address: '沁园社区文化广场',
        startAt: at(now, 20, 9),
        endAt: at(now, 20, 12),
        signUpDeadline: at(now, 18, 18),
        participantPlaces: 120,
        volunteerPlaces: 15,
        volunteerMinutes: 180,
        status: 'pending_approval',
        approvalReasons: [{ type: 'participants', places: 120, threshold: 50 }],
        publishedByOpenid: 'demo-zhu-yuping',
        createdAt: new Date(now.getTime() - 2 * 3_600_000),
      },
      signUps: [],
    },
    {
      activity: {
        ...common,
        _id: finishedId,
        organisationId: 'org-qy-lvguanjia',
        title: '垃圾分类进楼院',
        kind: 'publicity',
        description: '在柳泉花园各楼院讲解垃圾分类，发放分类袋，现场教大家分辨厨余垃圾和其他垃圾。',
        location: point(118.0495, 36.8104),
        address: '柳泉花园中心花坛',
        startAt: at(now, -7, 9),
        endAt: at(now, -7, 11),
        signUpDeadline: at(now, -8, 20),
        participantPlaces: 20,
        volunteerPlaces: 4,
        volunteerMinutes: 120,
        status: 'finished',
        rating: { sum: 5, count: 1 },
        publishedByOpenid: 'demo-bai-yun',
        createdAt: at(now, -12, 9),
      },
      signUps: [
        {
          openid: 'demo-gao-peng',
          role: 'volunteer',
          at: at(now, -11, 20),
          attendance: { checkedInAt: at(now, -7, 8, 50), checkInBy: 'code', checkedOutAt: at(now, -7, 11, 5), checkOutBy: 'code' },
        },
        {
          openid: 'demo-liu-meihua',
          role: 'volunteer',
          at: at(now, -11, 21),
          attendance: { checkedInAt: at(now, -7, 9, 10), checkInBy: 'code', checkedOutAt: at(now, -7, 10, 40), checkOutBy: 'code' },
        },
        {
          openid: 'demo-yang-li',
          role: 'participant',
          at: at(now, -10, 8),
          attendance: { checkedInAt: at(now, -7, 8, 58), checkInBy: 'code' },
        },
        {
          openid: 'demo-song-guiying',
          role: 'participant',
          at: at(now, -9, 16),
          attendance: { checkedInAt: at(now, -7, 9, 2), checkInBy: 'lead' },
        },
      ],
    },
  ]
  const built = demo.map(withSignUps)
  return {
    activities: built.map((b) => b.activity),
    activity_sign_ups: built.flatMap((b) => b.signUps),
    activity_ratings: [
      {
        _id: signUpDocId(finishedId, 'demo-song-guiying'),
        activityId: finishedId,
        organisationId: 'org-qy-lvguanjia',
        openid: 'demo-song-guiying',
        shownName: maskedName('宋桂英'),
        rating: 5,
        comment: '讲得很清楚，楼下的分类桶也换新了。',
        at: at(now, -7, 15),
      },
    ],
  }
}
