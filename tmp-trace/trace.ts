import { ManualClock } from '../local/clock'
import { useClock } from '../server/clock'
import { mkdtempSync } from 'node:fs'
import { createServer, request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { functionEnv, startStandin } from '../local/standin'
import { seedDemoData } from '../local/seed/seed'
import { localCheckInSecret } from '../local/host/check-in-secret'
import { useLocalReplacements } from '../local/replacements'
import { main as needs } from '../cloudfunctions/needs/main'
import { platformContext } from '../local/host/platform-context'
import { demoDataSet, demoIdentities as who } from '../local/seed/demo-data'

let log: string[] | null = null
async function go() {
  const clock = new ManualClock(); useClock(clock)
  const dataDir = mkdtempSync(join(tmpdir(), 'linli-trace-'))
  const standin = await startStandin({ dataDir })
  const target = new URL(standin.url)
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString()
      if (log && !body.includes('"collectionName":"outbox"')) { const j = JSON.parse(body); log.push([j.action ?? '', j.collectionName ?? '', j.queryType ?? '', (j.query ?? '').slice(0, 90), typeof j.data === 'string' ? j.data.slice(0, 80) : Array.isArray(j.data) ? 'ADD x' + j.data.length : ''].join(' | ')) }
      const up = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (a) => {
        res.writeHead(a.statusCode ?? 502, a.headers); a.pipe(res)
      })
      up.end(body)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const port = (server.address() as { port: number }).port
  Object.assign(process.env, functionEnv(`http://127.0.0.1:${port}/`), localCheckInSecret(dataDir))
  useLocalReplacements(join(dataDir, 'storage'))
  await seedDemoData()
  const call = async (openid: string, action: string, data: object) => {
    const a = (await needs({ action, data }, platformContext('needs', openid))) as any
    if (!a.ok) throw new Error(JSON.stringify(a.error))
    return a.data
  }
  const urban = demoDataSet.communities.find((c) => c.kind === 'urban')!
  log = []
  const { need } = await call(who.resident, 'raise', { helpKind: '亲情陪伴', urgency: 'normal', description: '想有人来陪我说说话。', location: urban.centre.coordinates, neighbourhood: '柳泉花园', addressDetail: '12号楼1单元1502', contactPhone: '18653312469' })
  console.log('RAISE', log.length); log.forEach((l, i) => console.log(i, l)); log = null
  const { offers } = await call(who.committeeUrban, 'matchDetails', { needId: need.id })
  const { organisationId, offerId } = offers[0]
  const lead = demoDataSet.organisations.find((o) => o._id === organisationId)!.leadOpenid
  log = []; await call(lead, 'offers', { organisationId })
  console.log('OFFERS', log.length); log.forEach((l, i) => console.log(i, l)); log = null
  log = []; await call(lead, 'accept', { organisationId, offerId })
  console.log('ACCEPT', log.length); log.forEach((l, i) => console.log(i, l)); log = null
  const memberId = demoDataSet.roles.find((r) => r.organisationId === organisationId && r.role === 'organisation_lead')!._id
  log = []; await call(lead, 'assignVolunteers', { organisationId, needId: need.id, memberIds: [memberId] })
  console.log('ASSIGN', log.length); log.forEach((l, i) => console.log(i, l)); log = null
  log = []; await call(lead, 'tasks', { organisationId })
  console.log('TASKS', log.length); log.forEach((l, i) => console.log(i, l)); log = null
  clock.advance(3*3600_000)
  log = []; await call(lead, 'markDone', { organisationId, needId: need.id, summary: '陪老人聊了一下午。', service: [{ memberId, minutes: 120 }] })
  console.log('DONE', log.length); log.forEach((l, i) => console.log(i, l)); log = null
  log = []; await call(who.resident, 'confirm', { needId: need.id, result: 'solved', rating: 5 })
  console.log('CONFIRM', log.length); log.forEach((l, i) => console.log(i, l)); log = null
  log = []; await call(who.resident, 'mine', {})
  console.log('MINE', log.length); log.forEach((l, i) => console.log(i, l)); log = null
  log = []; await call(who.resident, 'detail', { needId: need.id })
  console.log('DETAIL', log.length); log.forEach((l, i) => console.log(i, l)); log = null
  process.exit(0)
}
void go()
