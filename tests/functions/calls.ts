/** Calling the functions as a demo person, for the function tests. */
import { functionMains } from '../../local/host/functions'
import type { ActionInput, ActionName, ActionOutput, Envelope, FunctionContract } from '../../shared/contract'
import { activitiesContract, type PublishActivityInput } from '../../shared/contracts/activities'
import { careContract } from '../../shared/contracts/care'
import { communityContract } from '../../shared/contracts/community'
import { messagesContract } from '../../shared/contracts/messages'
import { joiningContract, type JoinInput } from '../../shared/contracts/joining'
import { PRIVACY_POLICY_VERSION } from '../../shared/domain/residence'
import { needsContract, type RaiseNeedInput } from '../../shared/contracts/needs'
import { organisationsContract } from '../../shared/contracts/organisations'
import { timebankContract } from '../../shared/contracts/timebank'
import { reportsContract } from '../../shared/contracts/reports'
import { residentsContract } from '../../shared/contracts/residents'
import { accountContract } from '../../shared/contracts/account'
import { evaluationContract } from '../../shared/contracts/evaluation'
import { surveysContract } from '../../shared/contracts/surveys'
import type { FunctionName } from '../../shared/contracts'
import { mediaCheckPush, messagePushContext } from '../../local/host/platform-context'
import { demoDataSet, demoIdentities, demoPerson } from '../../local/seed/demo-data'
import { callAs } from '../support/database'
import { allDocuments, insertAll } from '../../server/data/maintenance'
import type { OutboxDoc } from '../../server/data/documents'

/** A typed caller of one function's actions. */
function callerOf<F extends FunctionContract>(contract: F) {
  return <A extends ActionName<F>>(openid: string | null, action: A, data: ActionInput<F, A>) =>
    callAs<ActionOutput<F, A>>(functionMains[contract.name as FunctionName], contract.name, openid, { action, data })
}

export const callOrganisations = callerOf(organisationsContract)
export const callCommunity = callerOf(communityContract)
export const callNeeds = callerOf(needsContract)
export const callActivities = callerOf(activitiesContract)
export const callCare = callerOf(careContract)
export const callTimebank = callerOf(timebankContract)
export const callReports = callerOf(reportsContract)
export const callResidents = callerOf(residentsContract)
export const callAccount = callerOf(accountContract)
export const callMessages = callerOf(messagesContract)
export const callJoining = callerOf(joiningContract)
export const callEvaluation = callerOf(evaluationContract)
export const callSurveys = callerOf(surveysContract)

/** WeChat's message push delivering its verdict on the photo checked under `traceId`, as it reaches the community function. */
export const pushMediaVerdict = (traceId: string, suggest: 'pass' | 'review' | 'risky') =>
  functionMains.community(mediaCheckPush(traceId, suggest), messagePushContext('community')) as Promise<Envelope<unknown>>

/** What the outbox holds now: pass it to `sentSince` later. */
export const outbox = async () => (await allDocuments('outbox')) as OutboxDoc[]

/** The messages written to the outbox since `before` was read: what one test sent, whatever the tests before it sent. */
export const sentSince = async (before: OutboxDoc[]) => (await outbox()).filter((m) => !before.some((b) => b._id === m._id))

/** The answer's data, or the test fails with the error the function gave. */
export async function ok<T>(answer: Promise<Envelope<T>>): Promise<T> {
  const settled = await answer
  if (!settled.ok) throw new Error(`${settled.error.code}: ${settled.error.message} (${settled.error.field ?? ''})`)
  return settled.data
}

/** The error code (and field) a call failed with; fails the test when it succeeded. */
export async function failure<T>(answer: Promise<Envelope<T>>): Promise<{ code: string; field?: string }> {
  const settled = await answer
  if (settled.ok) throw new Error(`expected a failure, got ${JSON.stringify(settled.data).slice(0, 200)}`)
  return settled.error.field === undefined ? { code: settled.error.code } : { code: settled.error.code, field: settled.error.field }
}

/** A valid activity for the organisation, far enough ahead that no test depends on the day it runs. */
export const publishInputFor = (organisationId: string): PublishActivityInput => ({
  organisationId,
  title: '读报会',
  kind: 'culture_sports',
  description: '给视力不好的老人读报。',
  address: '沁园社区活动室',
  startAt: '2099-01-02T09:00:00+08:00',
  endAt: '2099-01-02T10:00:00+08:00',
  signUpDeadline: '2099-01-01T18:00:00+08:00',
  participantPlaces: 10,
  volunteerPlaces: 2,
  volunteerMinutes: 60,
})

const [lng0, lat0] = demoDataSet.communities.find((c) => c.kind === 'urban')!.centre.coordinates

/** A place in 沁园社区 `eastM` metres east of its centre: tests use places 60 m apart so none is another's duplicate. */
export const place = (eastM: number): [number, number] => [
  Number((lng0 + eastM / (111_320 * Math.cos((lat0 * Math.PI) / 180))).toFixed(6)),
  lat0,
]

/** A need 杨丽 might raise in 沁园社区, with `overrides` over it. */
/** A newcomer joining 沁园社区 with everything the join page asks, as the browser sends it. */
export const joinInput = (overrides: Partial<JoinInput> = {}): JoinInput => ({
  communityId: demoDataSet.communities[0]._id,
  name: '陈立新',
  neighbourhood: '柳泉花园',
  building: '12',
  unit: '1',
  room: '1502',
  phone: '13805331234',
  privacyVersion: PRIVACY_POLICY_VERSION,
  ...overrides,
})

export const raiseInput = (overrides: Partial<RaiseNeedInput> = {}): RaiseNeedInput => ({
  helpKind: '亲情陪伴',
  urgency: 'normal',
  description: '老伴住院了，家里就我一个人，想有人来陪我说说话。',
  location: place(0),
  neighbourhood: '柳泉花园',
  addressDetail: '12号楼1单元1502',
  contactPhone: '18653312469',
  ...overrides,
})

type VisitInput = ActionInput<typeof careContract, 'recordVisit'>
let visitsMade = 0
/** A visit as the visit page sends it: half an hour, and a request id of its own (a retry sends the same one again). */
export const visitInput = (fields: Omit<VisitInput, 'minutes' | 'requestId'> & Partial<VisitInput>): VisitInput => ({
  minutes: 30,
  requestId: `visit-${++visitsMade}-${process.pid}`,
  ...fields,
})

let residentsMade = 0
/**
 * A new resident, like the demo person `like` (杨丽 of 沁园社区 unless told) but with an openid and
 * name of their own: what a test does as them, or to them, is its own.
 */
export async function aNewResident(like: string = demoIdentities.resident): Promise<{ openid: string; name: string; personId: string }> {
  const n = ++residentsMade
  const person = {
    ...demoPerson(like),
    _id: `p-test-resident-${n}`,
    openid: `o-test-resident-${n}`,
    name: `测试居民${n}`,
  }
  await insertAll('people', [person])
  return { openid: person.openid, name: person.name, personId: person._id }
}
