/**
 * Volunteer time earned the way the product earns it: a need raised, accepted, a volunteer
 * assigned and the need marked done with minutes, each call made over HTTP to a local host as the
 * demo person who would make it (the host's X-Demo-Openid header), as the pages would. Plain
 * fetch, no host code: the weapp tests run in a browser-like realm.
 */
import { demoDataSet } from '../../local/seed/demo-data'

/** One function call to the host at `url` as `openid`; the test fails on an error answer. */
export async function callHostAs(url: string, openid: string, functionName: string, action: string, data: object) {
  const response = await fetch(`${url}/api/${functionName}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-demo-openid': openid },
    body: JSON.stringify({ action, data }),
  })
  const body = await response.json()
  if (!body.ok) throw new Error(`${functionName}.${action} as ${openid}: ${JSON.stringify(body.error)}`)
  return body.data
}

/** Reads the local host's clock, or moves it when `move` is given. */
async function setHostClock(url: string, move?: { set: string }): Promise<{ now: string }> {
  const response = await fetch(
    `${url}/local/clock`,
    move ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(move) } : {},
  )
  return response.json()
}

/**
 * `requesterOpenid` raises a 上门巡访探视 need at home; the lead of `organisationId` accepts its offer,
 * assigns the volunteer `volunteerOpenid` and marks it done with `minutes` for them. Answers the
 * need's title as the time bank shows it. Nobody serves longer than the need has been accepted, so
 * the host's clock (/local/clock) is put back that far for the acceptance and then forward again
 * by as much: the service stays on today, whatever the hour.
 */
export async function serveANeed(
  url: string,
  {
    requesterOpenid,
    organisationId,
    volunteerOpenid,
    minutes,
  }: {
    requesterOpenid: string
    organisationId: string
    volunteerOpenid: string
    minutes: number
  },
): Promise<string> {
  const requester = demoDataSet.people.find((p) => p.openid === requesterOpenid)!
  const lead = demoDataSet.organisations.find((o) => o._id === organisationId)!.leadOpenid
  const memberId = demoDataSet.roles.find((r) => r.openid === volunteerOpenid && r.organisationId === organisationId)!._id
  const { need } = await callHostAs(url, requesterOpenid, 'needs', 'raise', {
    helpKind: '上门巡访探视',
    urgency: 'urgent',
    description: '一个人在家，想请人来看看我，陪我说说话。',
    location: requester.location!.coordinates,
    neighbourhood: requester.neighbourhood,
    addressDetail: requester.addressDetail,
    contactPhone: requester.phone,
  })
  const { offers } = await callHostAs(url, lead, 'needs', 'offers', { organisationId })
  const offer = offers.find((o: { need: { id: string } }) => o.need.id === need.id)
  if (!offer) throw new Error(`the need was not offered to ${organisationId}`)
  const { now } = await setHostClock(url)
  await setHostClock(url, { set: new Date(new Date(now).getTime() - minutes * 60_000).toISOString() })
  await callHostAs(url, lead, 'needs', 'accept', { organisationId, offerId: offer.offerId })
  // From the moment after the acceptance, not back to `now`: the clock ran on meanwhile, and a
  // second short of `minutes` since the acceptance would refuse the service.
  const { now: accepted } = await setHostClock(url)
  await setHostClock(url, { set: new Date(new Date(accepted).getTime() + minutes * 60_000).toISOString() })
  await callHostAs(url, lead, 'needs', 'assignVolunteers', { organisationId, needId: need.id, memberIds: [memberId] })
  await callHostAs(url, lead, 'needs', 'markDone', {
    organisationId,
    needId: need.id,
    summary: '上门陪老人聊天，收拾了屋子。',
    service: [{ memberId, minutes }],
  })
  await letTheSchedulerRun(url)
  return `上门巡访探视（${requester.neighbourhood}）`
}

/**
 * The time bank credits confirmed service in the scheduler's due work, within the minute (decision
 * 053). The host runs that work whenever its clock is set: set to the moment it is, time stays put.
 */
export async function letTheSchedulerRun(url: string): Promise<void> {
  const { now } = await setHostClock(url)
  await setHostClock(url, { set: now })
}
