/**
 * Every message a contract gives for bad input is Chinese: each action's input schema is fed
 * nothing, and each of its fields wrong values of several kinds, and every issue is read.
 */
import { z } from 'zod'
import { contracts } from '../../shared/contracts'
import { raiseNeedSchema } from '../../shared/contracts/needs'

const chinese = /[\u4e00-\u9fff]/

/** Values no field takes all of: each spoils some field in a different way. */
const spoilers: unknown[] = [undefined, 12345, 1.5, -1, '', 'x'.repeat(5000), [], ['x'], { $ne: null }, true, null]

/** The object shape of an input schema, looking through defaults and transforms. */
function shapeOf(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  if (schema instanceof z.ZodObject) return schema.shape as Record<string, z.ZodType>
  if (schema instanceof z.ZodPipe) return shapeOf(schema.in as z.ZodType)
  return undefined
}

const actions = Object.values(contracts).flatMap((contract) =>
  Object.entries(contract.actions).map(([action, { input }]) => ({ name: `${contract.name}.${action}`, input: input as z.ZodType })),
)

it.each(actions)('$name: every issue of bad input reads in Chinese', ({ input }) => {
  const messages = new Set<string>()
  const collect = (data: unknown) => {
    const parsed = input.safeParse(data)
    if (!parsed.success) for (const issue of parsed.error.issues) messages.add(issue.message)
  }
  collect('everything')
  collect({ openid: 'someone' })
  for (const field of Object.keys(shapeOf(input) ?? {})) for (const value of spoilers) collect({ [field]: value })
  expect(messages.size).toBeGreaterThan(0)
  expect([...messages].filter((message) => !chinese.test(message))).toEqual([])
})

describe('the messages name the field and say what is wrong', () => {
  const issues = (data: unknown) => {
    const parsed = raiseNeedSchema.safeParse(data)
    return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]))
  }

  it('a missing field is asked for by its meaning', () => {
    expect(issues({})).toMatchObject({ contactPhone: '请填写联系电话', urgency: '请选择紧急程度' })
  })

  it('a wrong kind of value, a choice not offered, a number out of range', () => {
    expect(issues({ neighbourhood: 12, helpKind: '代写作业', location: [118.05, 95] })).toMatchObject({
      neighbourhood: '小区或村的格式不正确',
      helpKind: '请在给出的选项中选择帮扶类别',
      'location.1': '地点不能大于 90',
    })
  })
})
