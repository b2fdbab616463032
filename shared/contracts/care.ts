import { z } from 'zod'
import { action, defineFunction } from '../contract'
import {
  careGroupSchema,
  consentGiverSchema,
  consentMethodSchema,
  monthSchema,
  visitFrequencySchema,
  visitModeSchema,
  wellbeingSchema,
} from '../domain/care'
import { idSchema, isoDateTimeSchema, lngLatSchema, phoneSchema, textSchema } from '../domain/fields'
import { urgencySchema } from '../domain/need'
import { MAX_VISIT_MINUTES, MIN_VISIT_MINUTES } from '../domain/timebank'
import { helpKinds } from '../domain/vocabulary'
import { requestIdSchema } from './timebank'

const standingSchema = z.enum(['upcoming', 'due_soon', 'overdue', 'escalated'])

export const emergencyContactSchema = z.strictObject({ name: textSchema(20), relation: textSchema(10), phone: phoneSchema })

/** PIPL 单独同意, recorded on its own: who gave it, when and how. */
export const consentSchema = z.strictObject({
  giver: consentGiverSchema,
  giverName: textSchema(20),
  method: consentMethodSchema,
  at: z.iso.datetime({ offset: true, message: '时间格式不正确' }),
})

const pairingViewSchema = z.object({
  organisation: z.object({ id: z.string(), name: z.string() }).optional(),
  volunteers: z.array(z.object({ memberId: z.string(), name: z.string() })),
})

const scheduleViewSchema = z.object({
  frequency: visitFrequencySchema,
  frequencyLabel: z.string(),
  lastVisitAt: isoDateTimeSchema.optional(),
  nextDueAt: isoDateTimeSchema,
  standing: standingSchema,
  standingLabel: z.string(),
})

export const visitViewSchema = z.object({
  visitId: z.string(),
  visitedAt: isoDateTimeSchema,
  mode: visitModeSchema,
  modeLabel: z.string(),
  wellbeing: wellbeingSchema,
  wellbeingLabel: z.string(),
  notes: z.string().optional(),
  visitorName: z.string(),
  /** 服务时长 the visitor gave, credited to their time bank; absent on visits recorded before visits earned time. */
  minutes: z.number().int().optional(),
  /** The need a worry raised, when it did. */
  needId: z.string().optional(),
})
export type VisitView = z.infer<typeof visitViewSchema>

/** A line of the committee's register. Once consent is withdrawn nothing is due: no due date, no standing. */
export const registerRowSchema = scheduleViewSchema.partial({ nextDueAt: true, standing: true, standingLabel: true }).extend({
  entryId: z.string(),
  /** A page opened from a message knows only the entry's id: pairing needs the community. */
  communityId: z.string(),
  /** The month's visit rate counts those registered before the month began. */
  registeredAt: isoDateTimeSchema,
  name: z.string(),
  neighbourhood: z.string(),
  groups: z.array(careGroupSchema),
  active: z.boolean(),
  pairing: pairingViewSchema,
})
export type RegisterRow = z.infer<typeof registerRowSchema>

/** Everything the committee keeps about one person: only the committee sees this, and each read is audited. */
export const registerEntrySchema = registerRowSchema.extend({
  phone: z.string().optional(),
  addressDetail: z.string(),
  location: lngLatSchema,
  careNeeds: z.string(),
  emergencyContact: z.object({ name: z.string(), relation: z.string(), phone: z.string() }),
  consent: z.object({
    giverLabel: z.string(),
    giverName: z.string(),
    methodLabel: z.string(),
    at: isoDateTimeSchema,
    recordedBy: z.string(),
  }),
  withdrawal: z.object({ at: isoDateTimeSchema, note: z.string(), recordedBy: z.string() }).optional(),
  /** Set when the person also uses the mini-program. */
  linkedResident: z.boolean(),
  visits: z.array(visitViewSchema),
})
export type RegisterEntry = z.infer<typeof registerEntrySchema>

/**
 * What a paired volunteer sees of a person: only what a visit needs. Never the groups (which can
 * say 严重精神障碍患者 or 社区矫正人员), never the consent record.
 */
export const visitAssignmentSchema = scheduleViewSchema.extend({
  entryId: z.string(),
  name: z.string(),
  neighbourhood: z.string(),
  addressDetail: z.string(),
  phone: z.string().optional(),
  careNeeds: z.string(),
  emergencyContact: z.object({ name: z.string(), relation: z.string(), phone: z.string() }),
  myLastVisits: z.array(visitViewSchema),
})
export type VisitAssignment = z.infer<typeof visitAssignmentSchema>

const rateSchema = z.object({ expected: z.number().int(), visited: z.number().int(), rate: z.number().nullable(), rateLabel: z.string() })

const personFields = {
  name: textSchema(20),
  phone: phoneSchema.optional(),
  neighbourhood: textSchema(40),
  addressDetail: textSchema(100),
  /** Absent: the linked resident's home, else the community's centre. */
  location: lngLatSchema.optional(),
  groups: z.array(careGroupSchema).min(1, '至少选一类').max(careGroupSchema.options.length),
  careNeeds: textSchema(300),
  emergencyContact: emergencyContactSchema,
  frequency: visitFrequencySchema.default('monthly'),
}

export const careContract = defineFunction('care', {
  register: action(
    '两委：登记关爱对象（须记录本人或监护人的单独同意）',
    z.strictObject({
      communityId: idSchema,
      /** The person's id from `community.residents`, when they use the mini-program. */
      residentId: idSchema.optional(),
      ...personFields,
      consent: consentSchema,
    }),
    z.object({ entry: registerEntrySchema }),
  ),
  update: action(
    '两委：修改关爱对象的信息或探访频次',
    z.strictObject({
      entryId: idSchema,
      phone: personFields.phone,
      neighbourhood: personFields.neighbourhood.optional(),
      addressDetail: personFields.addressDetail.optional(),
      location: personFields.location,
      groups: personFields.groups.optional(),
      careNeeds: personFields.careNeeds.optional(),
      emergencyContact: emergencyContactSchema.optional(),
      frequency: visitFrequencySchema.optional(),
    }),
    z.object({ entry: registerEntrySchema }),
  ),
  withdrawConsent: action(
    '两委：记录本人撤回同意：移出在册名单，停止探访，结对解除',
    z.strictObject({ entryId: idSchema, at: z.iso.datetime({ offset: true, message: '时间格式不正确' }), note: textSchema(200) }),
    z.object({ entry: registerEntrySchema }),
  ),
  registerList: action(
    '两委：关爱对象名单（按类别、探访情况筛选），逾期的在前',
    z.strictObject({
      communityId: idSchema,
      group: careGroupSchema.optional(),
      standing: standingSchema.optional(),
      includeWithdrawn: z.boolean().default(false),
    }),
    z.object({ entries: z.array(registerRowSchema) }),
  ),
  entry: action(
    '两委：一位关爱对象的全部信息和探访记录（查看留痕）',
    z.strictObject({ entryId: idSchema }),
    z.object({ entry: registerEntrySchema }),
  ),
  pair: action(
    '两委：结对帮扶：指定一个组织和（或）几位志愿者',
    z
      .strictObject({ entryId: idSchema, organisationId: idSchema.optional(), volunteerMemberIds: z.array(idSchema).max(5).default([]) })
      .refine((p) => p.organisationId !== undefined || p.volunteerMemberIds.length > 0, {
        message: '请选择组织或志愿者',
        path: ['volunteerMemberIds'],
      }),
    z.object({ entry: registerEntrySchema }),
  ),
  overview: action(
    '两委：某月探访率（总体和各类别，目标 100%）、本周应探访、逾期和已报两委的名单',
    z.strictObject({ communityId: idSchema, month: monthSchema }),
    z.object({
      month: z.string(),
      overall: rateSchema,
      byGroup: z.array(rateSchema.extend({ group: careGroupSchema })),
      dueSoon: z.array(registerRowSchema),
      overdue: z.array(registerRowSchema),
      escalated: z.array(registerRowSchema),
    }),
  ),

  myVisits: action(
    '志愿者、负责人：与我结对的关爱对象和探访时间',
    z.strictObject({}),
    z.object({ people: z.array(visitAssignmentSchema) }),
  ),
  recordVisit: action(
    '结对志愿者：记录一次探访和服务时长（计入时间银行）；有困难可以一步转成求助（代为发起）',
    z.strictObject({
      entryId: idSchema,
      visitedAt: z.iso.datetime({ offset: true, message: '时间格式不正确' }),
      mode: visitModeSchema,
      wellbeing: wellbeingSchema,
      /** 服务时长, credited to the visitor's time bank under the daily cap (decision 043). */
      minutes: z
        .number()
        .int('请填整数分钟')
        .min(MIN_VISIT_MINUTES, `至少 ${MIN_VISIT_MINUTES} 分钟`)
        .max(MAX_VISIT_MINUTES, `一次探访不超过 ${MAX_VISIT_MINUTES} 分钟`),
      /** Chosen once per form: a retry answers the visit already recorded, credited once. */
      requestId: requestIdSchema,
      notes: textSchema(300).optional(),
      worry: z.strictObject({ helpKind: z.enum(helpKinds), urgency: urgencySchema, description: textSchema(500) }).optional(),
    }),
    z.object({ visit: visitViewSchema, person: visitAssignmentSchema }),
  ),
})
export type CareContract = typeof careContract
