import { z } from 'zod'
import { action, defineFunction } from '../contract'
import { daySchema, idSchema, isoDateTimeSchema, textSchema } from '../domain/fields'
import { answerSchema, MAX_QUESTIONS, questionKinds, questionSchema, surveyPhases } from '../domain/survey'
import { exportFileSchema } from './reports'

const count = z.number().int()

export const surveyInputSchema = z.strictObject({
  communityId: idSchema,
  /** Absent: a new draft. */
  surveyId: idSchema.optional(),
  title: textSchema(40),
  intro: z.string().trim().max(300, '不能超过 300 个字').default(''),
  /** Absent: all the community's residents; else only those of this 小区 / 村. */
  neighbourhood: textSchema(30).optional(),
  opensOn: daySchema,
  closesOn: daySchema,
  questions: z.array(questionSchema).min(1, '至少要有一个问题').max(MAX_QUESTIONS, `最多 ${MAX_QUESTIONS} 个问题`),
})
export type SurveyInput = z.input<typeof surveyInputSchema>

const questionOutSchema = z.object({
  kind: z.enum(questionKinds),
  title: z.string(),
  options: z.array(z.string()),
  aboutHelpKinds: z.boolean(),
  anonymous: z.boolean(),
})

export const surveySchema = z.object({
  surveyId: z.string(),
  communityId: z.string(),
  title: z.string(),
  intro: z.string(),
  neighbourhood: z.string().optional(),
  opensOn: z.string(),
  closesOn: z.string(),
  questions: z.array(questionOutSchema),
  phase: z.enum(surveyPhases),
  phaseLabel: z.string(),
  answers: count,
})
export type Survey = z.infer<typeof surveySchema>

export const questionResultSchema = z.object({
  answered: count,
  options: z.array(z.object({ label: z.string(), count })),
  scale: z.array(z.object({ point: count, count })),
  mean: z.number().nullable(),
  /** The words given, in no order that says who wrote them. */
  texts: z.array(z.string()),
  /** A question that is not anonymous only: who answered what. */
  named: z.array(z.object({ name: z.string(), answer: z.string() })).optional(),
})
export type QuestionResult = z.infer<typeof questionResultSchema>

const surveyRef = z.strictObject({ surveyId: idSchema })

export const surveysContract = defineFunction('surveys', {
  save: action('两委：新建或修改一份需求调查的草稿', surveyInputSchema, z.object({ surveyId: z.string() })),
  publish: action('两委：发布需求调查，居民在开始日起可以作答', surveyRef, surveySchema),
  close: action('两委：提前结束需求调查', surveyRef, surveySchema),
  list: action(
    '两委：本社区的需求调查，最新的在前',
    z.strictObject({ communityId: idSchema }),
    z.object({ surveys: z.array(surveySchema) }),
  ),
  results: action(
    '两委：一份调查的统计（各选项人数、打分分布和平均分、文字回答），匿名的题不含作答人',
    surveyRef,
    z.object({ survey: surveySchema, questions: z.array(questionResultSchema), at: isoDateTimeSchema }),
  ),
  export: action('两委：导出一份调查的统计（xlsx），答复下载链接', surveyRef, exportFileSchema),
  open: action(
    '居民：本社区（本小区）正在进行的需求调查，以及我是否已经作答',
    z.strictObject({}),
    z.object({ surveys: z.array(surveySchema.extend({ answered: z.boolean() })) }),
  ),
  answer: action(
    '居民：回答一份需求调查，每人一次',
    z.strictObject({ surveyId: idSchema, answers: z.array(answerSchema).max(MAX_QUESTIONS) }),
    z.object({ answered: z.literal(true) }),
  ),
})
export type SurveysContract = typeof surveysContract
