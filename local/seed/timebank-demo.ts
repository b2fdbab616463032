/**
 * 时间银行 demo data: 沁园社区's catalogue, and past service of demo volunteers as the leads
 * confirmed it. Balances are never written here: the records are credited through the time bank's
 * own crediting, as a real confirmation is, so the seeded ledger obeys its invariants. One day of
 * 邓浩's goes over the daily cap and waits in the committee's queue.
 */
import type { ItemDoc, ServiceRecordDoc } from '../../server/data/documents'
import { pendingServiceRecord } from '../../server/timebank/credit'
import { at } from './demo-data'

const urban = 'c-zd-qinyuan'
const rural = 'c-zc-taihe'

const created = at('2026-02-01T09:00:00')

export const timebankItems: ItemDoc[] = [
  {
    _id: 'item-qy-haircut',
    communityId: urban,
    name: '理发一次',
    kind: 'service',
    priceMinutes: 60,
    description: '社区理发志愿者上门或在活动室理发，行动不便的老人可预约上门。',
    stock: 30,
    status: 'active',
    createdAt: created,
    updatedAt: created,
  },
  {
    _id: 'item-qy-repair',
    communityId: urban,
    name: '上门维修',
    kind: 'service',
    priceMinutes: 90,
    description: '水电、门锁、小家电的简单维修，材料费另计。',
    providerOrganisationId: 'org-qy-weixiu',
    stock: 20,
    status: 'active',
    createdAt: created,
    updatedAt: created,
  },
  {
    _id: 'item-qy-rice',
    communityId: urban,
    name: '大米 5kg',
    kind: 'goods',
    priceMinutes: 120,
    description: '爱心超市：东北大米一袋，到社区服务中心领取。',
    stock: 12,
    status: 'active',
    createdAt: created,
    updatedAt: created,
  },
  {
    _id: 'item-qy-oil',
    communityId: urban,
    name: '花生油 5L',
    kind: 'goods',
    priceMinutes: 150,
    description: '爱心超市：压榨花生油一桶，到社区服务中心领取。',
    stock: 2,
    status: 'active',
    createdAt: created,
    updatedAt: created,
  },
]

function record(
  _id: string,
  who: { openid: string; organisationId: string; lead: string },
  source: ServiceRecordDoc['source'],
  minutes: number,
  servedAt: string,
  communityId = urban,
): ServiceRecordDoc {
  const served = at(servedAt)
  const confirmedAt = new Date(served.getTime() + minutes * 60_000)
  return pendingServiceRecord({
    _id,
    openid: who.openid,
    communityId,
    organisationId: who.organisationId,
    source,
    minutes,
    servedAt: served,
    confirmedByOpenid: who.lead,
    confirmedAt,
  })
}

const xuMinXiyanghong = { openid: 'demo-xu-min', organisationId: 'org-qy-xiyanghong', lead: 'demo-zhang-jianguo' }
const xuMinZhucan = { openid: 'demo-xu-min', organisationId: 'org-qy-zhucan', lead: 'demo-tang-hongmei' }
const gaoPeng = { openid: 'demo-gao-peng', organisationId: 'org-qy-xiyanghong', lead: 'demo-zhang-jianguo' }
const caoLihua = { openid: 'demo-cao-lihua', organisationId: 'org-qy-wenti', lead: 'demo-liu-meihua' }
const dengHaoWeixiu = { openid: 'demo-deng-hao', organisationId: 'org-qy-weixiu', lead: 'demo-hu-gang' }
const dengHaoXunluo = { openid: 'demo-deng-hao', organisationId: 'org-qy-xunluo', lead: 'demo-ma-xiaodong' }
const puXiaojuan = { openid: 'demo-pu-xiaojuan', organisationId: 'org-th-qiaosao', lead: 'demo-wei-hongxia' }

/** In the order they were confirmed, which is the order they are credited in. */
export const timebankServiceRecords: ServiceRecordDoc[] = [
  record(
    'demo-service-xu-min-1',
    xuMinXiyanghong,
    { kind: 'need', id: 'demo-need-companion', title: '亲情陪伴（沁园小区）' },
    120,
    '2026-03-14T14:00:00',
  ),
  record(
    'demo-service-xu-min-2',
    xuMinZhucan,
    { kind: 'activity', id: 'demo-activity-meals', title: '长者食堂送餐' },
    90,
    '2026-04-02T11:00:00',
  ),
  record(
    'demo-service-gao-peng-1',
    gaoPeng,
    { kind: 'need', id: 'demo-need-care', title: '生活照料（公园东苑）' },
    60,
    '2026-05-09T09:30:00',
  ),
  record(
    'demo-service-pu-xiaojuan-1',
    puXiaojuan,
    { kind: 'need', id: 'demo-need-meal-taihe', title: '助餐（太河村）' },
    90,
    '2026-05-20T11:00:00',
    rural,
  ),
  record(
    'demo-service-cao-lihua-1',
    caoLihua,
    { kind: 'activity', id: 'demo-activity-dance', title: '广场舞公益教学' },
    180,
    '2026-06-06T18:30:00',
  ),
  record(
    'demo-service-deng-hao-1',
    dengHaoWeixiu,
    { kind: 'need', id: 'demo-need-repair', title: '维修（共青团路宿舍）' },
    90,
    '2026-06-20T15:00:00',
  ),
  // 汛期: a long day of patrols and a repair after it; 120 minutes go over the 12-hour cap.
  record(
    'demo-service-deng-hao-2',
    dengHaoXunluo,
    { kind: 'activity', id: 'demo-activity-flood', title: '汛期防汛巡查' },
    600,
    '2026-07-11T06:00:00',
  ),
  record(
    'demo-service-deng-hao-3',
    dengHaoWeixiu,
    { kind: 'need', id: 'demo-need-pump', title: '维修（沁园小区）' },
    240,
    '2026-07-11T17:00:00',
  ),
  record(
    'demo-service-xu-min-3',
    xuMinXiyanghong,
    { kind: 'activity', id: 'demo-activity-chongyang', title: '重阳节敬老饺子宴' },
    240,
    '2026-10-18T09:00:00',
  ),
]
