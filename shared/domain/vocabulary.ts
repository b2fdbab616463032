/** The seeds' words, kept in one place so that contracts, pages and the demo data agree. */

/** 社区社会组织的类别 (seed 000; seed 002 adds 生活服务类 and 居民互助类). */
export const organisationKinds = [
  '为民服务类',
  '公益慈善类',
  '文体活动类',
  '专业调处类',
  '邻里互助类',
  '乡村振兴类',
  '生活服务类',
  '居民互助类',
] as const
export type OrganisationKind = (typeof organisationKinds)[number]

/** 帮扶类别 (seeds 000, 001, 004; 防骗维权 and 康复护理 from seed 001, 社会融入 from seed 002). */
export const helpKinds = [
  '亲情陪伴',
  '生活照料',
  '助餐',
  '上门巡访探视',
  '就医陪诊',
  '康复护理',
  '精神慰藉',
  '法律援助',
  '防骗维权',
  '纠纷调解',
  '社区环境',
  '治安巡逻',
  '养老托幼',
  '助残',
  '就业帮扶',
  '社会融入',
  '紧急救助',
] as const
export type HelpKind = (typeof helpKinds)[number]

/** 特殊群体 (seeds 000, 004). */
export const specialNeedGroups = [
  '低保对象',
  '特困人员',
  '空巢老人',
  '独居老人',
  '高龄老人',
  '失能老人',
  '农村留守老人',
  '农村留守妇女',
  '农村留守儿童',
  '困境儿童',
  '事实无人抚养儿童',
  '残疾人',
  '严重精神障碍患者',
  '社区矫正人员',
  '进城务工人员及随迁子女',
] as const
export type SpecialNeedGroup = (typeof specialNeedGroups)[number]
