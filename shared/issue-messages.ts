/**
 * What a person reads when input does not fit a contract. zod's own messages are English
 * ("Invalid input: expected string, received undefined"); these say the same in plain Chinese,
 * naming the field by what it means. A schema's own message (`.max(20, '…')`) still comes first.
 */
import type { z } from 'zod'

/** Input fields by their name in the contracts, as the forms call them. */
const fieldLabels: Record<string, string> = {
  activityId: '活动',
  address: '地址',
  addressDetail: '楼号、单元、门牌',
  at: '时间',
  before: '时间',
  capacity: '能同时接的任务数',
  careNeeds: '需要哪些照顾',
  centre: '服务中心位置',
  charterSummary: '章程摘要',
  code: '邀请码',
  comment: '评价',
  communityId: '社区',
  consent: '同意登记的情况',
  contactPhone: '联系电话',
  cursor: '翻页位置',
  dailyCapMinutes: '每天计入的时长',
  decision: '决定',
  delta: '数量变化',
  description: '情况说明',
  elderMode: '长辈模式',
  emergencyContact: '紧急联系人',
  endAt: '结束时间',
  entryId: '登记',
  forNeighbour: '邻居',
  frequency: '探访频次',
  from: '开始日期',
  fromDate: '开始日期',
  giver: '由谁同意',
  giverName: '同意人姓名',
  group: '特殊群体',
  groups: '特殊群体',
  heldId: '暂缓的记录',
  helpKind: '帮扶类别',
  helpKinds: '帮扶类别',
  hours: '服务时长',
  idNumber: '身份证号',
  issuer: '出具单位',
  itemId: '兑换项目',
  kind: '类别',
  limit: '条数',
  location: '地点',
  majorKinds: '重大活动类别',
  majorThreshold: '重大活动人数',
  memberId: '成员',
  memberIds: '成员',
  method: '同意的方式',
  minutes: '时长（分钟）',
  mode: '探访方式',
  month: '月份',
  name: '名称',
  nameContains: '姓名',
  needId: '求助',
  neighbourhood: '小区或村',
  note: '说明',
  notes: '记录',
  number: '编号',
  offerId: '派单',
  organisationId: '组织',
  participantPlaces: '参加名额',
  period: '统计时段',
  personId: '居民',
  phone: '电话',
  photos: '照片',
  priceMinutes: '所需时长（分钟）',
  providerOrganisationId: '提供服务的组织',
  purpose: '用途',
  radiusM: '服务范围',
  rating: '评分',
  reason: '原因',
  redemptionId: '兑换记录',
  relation: '关系',
  requestId: '请求编号',
  residentId: '居民',
  result: '结果',
  reviewBeforeMatching: '是否先审核',
  role: '身份',
  service: '服务记录',
  serviceArea: '服务范围',
  shortCode: '签到码',
  signUpDeadline: '报名截止时间',
  signUpId: '报名',
  startAt: '开始时间',
  status: '状态',
  stock: '库存',
  summary: '完成情况',
  text: '内容',
  title: '标题',
  to: '结束日期',
  toDate: '结束日期',
  toName: '对方姓名',
  toPhone: '对方电话',
  urgency: '紧急程度',
  visitedAt: '探访时间',
  volunteerMemberIds: '志愿者',
  volunteerPlaces: '志愿者名额',
  wantedBy: '什么时候要',
  wellbeing: '状况',
  worry: '担心的情况',
}

/** The field an issue is about: the last named step of its path (a list's items are their list). */
function labelOf(path: readonly PropertyKey[] | undefined): string | undefined {
  const name = [...(path ?? [])].reverse().find((step): step is string => typeof step === 'string')
  return name === undefined ? undefined : Object.hasOwn(fieldLabels, name) ? fieldLabels[name] : undefined
}

const sizeUnits: Record<string, { unit: string; verb: string }> = {
  string: { unit: '个字', verb: '' },
  array: { unit: '项', verb: '选' },
  set: { unit: '项', verb: '选' },
}

/** The message of one issue, for `z.config({ customError })`. */
export function issueMessage(issue: z.core.$ZodRawIssue): string {
  const label = labelOf(issue.path)
  const it = label ?? '这一项'
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `请填写${it}`
      return issue.expected === 'int' ? `${it}须是整数` : `${it}的格式不正确`
    case 'invalid_value':
      return issue.input === undefined ? `请选择${it}` : `请在给出的选项中选择${it}`
    case 'too_small': {
      const size = sizeUnits[issue.origin]
      if (size) return Number(issue.minimum) <= 1 ? `请${size.verb || '填写'}${it}` : `${it}至少${size.verb}${issue.minimum}${size.unit}`
      return `${it}不能${issue.inclusive ? '小于' : '小于或等于'} ${issue.minimum}`
    }
    case 'too_big': {
      const size = sizeUnits[issue.origin]
      if (size) return `${it}最多${size.verb}${issue.maximum}${size.unit}`
      return `${it}不能${issue.inclusive ? '大于' : '大于或等于'} ${issue.maximum}`
    }
    case 'not_multiple_of':
      return `${it}须是 ${issue.divisor} 的整数倍`
    case 'unrecognized_keys':
      return `不接受的字段：${issue.keys.join('、')}`
    default:
      return `${it}的格式不正确`
  }
}
