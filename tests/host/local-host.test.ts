import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startLocalHost, type LocalHost } from '../../local/host'
import { demoDataSet, demoIdentities } from '../../local/seed/demo-data'
import { contracts } from '../../shared/contracts'
import { subscribeDataRefusal, type SubscribeData } from '../../shared/domain/messages'
import { NEED_PAGE, OFFERS_PAGE } from '../../shared/domain/need'
import { raiseInput } from '../functions/calls'
import { tinyPng } from '../support/photo'

let dataDir: string
let host: LocalHost
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'linli-host-'))
  host = await startLocalHost({ dataDir })
})
afterAll(async () => {
  await host.close()
  rmSync(dataDir, { recursive: true, force: true })
})

function callAccount(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${host.url}/api/account`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

const asDemo = (openid: string) => ({ 'x-demo-openid': openid })
const nameOf = (openid: string) => demoDataSet.people.find((p) => p.openid === openid)!.name

/** A function's answer to a demo person's call through the host's /api, as the app makes it. */
async function api(fn: string, openid: string, action: string, data: unknown) {
  const answer = await fetch(`${host.url}/api/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...asDemo(openid) },
    body: JSON.stringify({ action, data }),
  })
  return (await answer.json()).data
}

describe('the local host', () => {
  it('lists every function and action with its input as JSON Schema', async () => {
    const listing = await (await fetch(`${host.url}/api`)).json()
    const listed = listing.functions.flatMap((f: { name: string; actions: { name: string }[] }) =>
      f.actions.map((a) => `${f.name}.${a.name}`),
    )
    const expected = Object.values(contracts).flatMap((c) => Object.keys(c.actions).map((a) => `${c.name}.${a}`))
    expect(listed.sort()).toEqual(expected.sort())
    const update = listing.functions[0].actions.find((a: { name: string }) => a.name === 'updatePreferences')
    expect(update.input).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: ['elderMode'],
      properties: { elderMode: { enum: ['auto', 'on', 'off'] } },
    })
    expect(update.permission).toEqual({ who: ['resident'], over: 'self' })
  })

  it('answers a script acting as a demo person by header', async () => {
    const answer = await (await callAccount({ action: 'me', data: {} }, asDemo(demoIdentities.committeeUrban))).json()
    expect(answer.ok).toBe(true)
    expect(answer.data.person.name).toBe(nameOf(demoIdentities.committeeUrban))
    expect(answer.data.person.roles.map((r: { role: string }) => r.role)).toContain('committee')
  })

  it('refuses a call from nobody as the platform would', async () => {
    const answer = await (await callAccount({ action: 'me', data: {} })).json()
    expect(answer).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })

  it('signs a demo person in with a cookie from its sign-in page', async () => {
    const signIn = await fetch(`${host.url}/local/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `openid=${demoIdentities.volunteer}`,
      redirect: 'manual',
    })
    expect(signIn.status).toBe(303)
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]
    const answer = await (await callAccount({ action: 'me', data: {} }, { cookie })).json()
    expect(answer.data.person.name).toBe(nameOf(demoIdentities.volunteer))
  })

  it('refuses a body over 100 KB, as callFunction does, and changes nothing', async () => {
    const huge = { action: 'updatePreferences', data: { elderMode: 'on', pad: 'x'.repeat(120 * 1024) } }
    const response = await callAccount(huge, asDemo(demoIdentities.ruralResident))
    expect(response.status).toBe(413)
    expect((await response.json()).error.code).toBe('INVALID_INPUT')
    const after = await (await callAccount({ action: 'me', data: {} }, asDemo(demoIdentities.ruralResident))).json()
    const seeded = demoDataSet.people.find((p) => p.openid === demoIdentities.ruralResident)!
    expect(after.data.person.preferences.elderMode).toBe(seeded.preferences.elderMode)
  })

  it('answers malformed JSON and unknown functions with clear errors', async () => {
    const malformed = await callAccount('{"action": ', asDemo(demoIdentities.resident))
    expect(malformed.status).toBe(400)
    expect((await malformed.json()).error.code).toBe('INVALID_INPUT')
    const unknown = await fetch(`${host.url}/api/payroll`, { method: 'POST', body: '{}' })
    expect(unknown.status).toBe(404)
    expect((await unknown.json()).error.code).toBe('UNKNOWN_ACTION')
  })

  it('takes a function call only as a POST of JSON: 415 for a text or form body, 405 for a GET', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonp']) {
      const answer = await fetch(`${host.url}/api/account`, {
        method: 'POST',
        headers: { 'content-type': type, ...asDemo(demoIdentities.ruralResident) },
        body: JSON.stringify({ action: 'updatePreferences', data: { elderMode: 'off' } }),
      })
      expect(answer.status).toBe(415)
      expect(await answer.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
    const seeded = demoDataSet.people.find((p) => p.openid === demoIdentities.ruralResident)!
    const after = await (await callAccount({ action: 'me', data: {} }, asDemo(demoIdentities.ruralResident))).json()
    expect(after.data.person.preferences.elderMode).toBe(seeded.preferences.elderMode)

    const got = await fetch(`${host.url}/api/account`, { headers: asDemo(demoIdentities.ruralResident) })
    expect(got.status).toBe(405)
    expect(got.headers.get('allow')).toBe('POST')
    expect(await got.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } })
  })

  it('serves the H5 client and the outbox page', async () => {
    const index = await fetch(`${host.url}/`)
    expect(index.headers.get('content-type')).toContain('text/html')
    expect(await index.text()).toContain('<div id="app"')
    const outbox = await fetch(`${host.url}/local/outbox`)
    expect(await outbox.text()).toContain('本地发件箱')
  })

  it('lists at /local/outbox.json the subscribe messages a need sends, as WeChat takes them, each sent', async () => {
    type Listed = { channel: string; toOpenid: string; template: string; page: string; data: SubscribeData; result: { status: string } }
    const listed = async (): Promise<Listed[]> => (await (await fetch(`${host.url}/local/outbox.json`)).json()).messages
    // Everyone who will be told has accepted it, as WeChat's consent dialog would record.
    for (const lead of new Set(demoDataSet.organisations.map((o) => o.leadOpenid)))
      await api('messages', lead, 'recordConsent', { templates: ['newOffer'] })
    await api('messages', demoIdentities.resident, 'recordConsent', { templates: ['needAccepted'] })
    const description = '家里水管爆了，水一直往外冒，楼下邻居家天花板也开始渗水，老人自己关不上总阀，急需有人上门帮忙处理'
    const { need } = await api(
      'needs',
      demoIdentities.resident,
      'raise',
      raiseInput({ helpKind: '生活照料', urgency: 'urgent', description, neighbourhood: '沁园小区东区（原张店化肥厂职工宿舍）北院3号楼' }),
    )
    const offer = (await listed()).find((m) => m.template === 'newOffer' && m.page === OFFERS_PAGE)!
    const organisation = demoDataSet.organisations.find((o) => o.leadOpenid === offer.toOpenid)!
    const { offers } = await api('needs', offer.toOpenid, 'offers', { organisationId: organisation._id })
    await api('needs', offer.toOpenid, 'accept', {
      organisationId: organisation._id,
      offerId: offers.find((o: { need: { id: string } }) => o.need.id === need.id).offerId,
    })

    const messages = (await listed()).filter((m) => m.channel === 'subscribeMessage')
    const accepted = messages.find((m) => m.template === 'needAccepted' && m.toOpenid === demoIdentities.resident)!
    expect(accepted).toMatchObject({ page: `${NEED_PAGE}?id=${need.id}`, result: { status: 'sent' } })
    expect(accepted.data).toEqual({
      thing1: { value: '生活照料' },
      thing2: { value: organisation.name.length <= 20 ? organisation.name : expect.stringMatching(/…$/) },
      phrase3: { value: '已接单' },
      time4: { value: expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/) },
    })
    expect(offer.data).toMatchObject({ phrase2: { value: '紧急' }, thing3: { value: '沁园小区东区（原张店化肥厂职工宿舍）北…' } })
    for (const m of messages) {
      expect(subscribeDataRefusal(m.template, m.data)).toBeNull()
      expect(m.result).toEqual({ status: 'sent' })
    }
  })

  describe('stands in for CloudBase storage', () => {
    const png = tinyPng
    const upload = (body: Buffer, type: string) =>
      fetch(`${host.url}/local/storage`, { method: 'POST', headers: { 'content-type': type }, body })

    it('stores a photo under a random id and serves it back with its type, by a link a function made, until it expires', async () => {
      const answer = await upload(png, 'image/png')
      expect(answer.status).toBe(200)
      const { fileID } = await answer.json()
      expect(fileID).toMatch(/^cloud:\/\/local\/[0-9a-f]{32}\.png$/)
      const again = await (await upload(png, 'image/png')).json()
      expect(again.fileID).not.toBe(fileID)
      // The id is no way in: only a link a function made after checking access.
      expect((await fetch(`${host.url}/local/storage/${fileID.slice('cloud://local/'.length)}`)).status).toBe(403)

      const { need } = await api('needs', demoIdentities.resident, 'raise', raiseInput({ photos: [fileID] }))
      // The host passed the photo, as WeChat would, before the raise answered.
      const [link] = (await api('needs', demoIdentities.resident, 'detail', { needId: need.id })).need.photos
      const served = await fetch(`${host.url}${link.url}`)
      expect(served.status).toBe(200)
      expect(served.headers.get('content-type')).toBe('image/png')
      expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true)

      // Nothing in the link can be changed: a later expiry, another file, another signature.
      const url = new URL(link.url, host.url)
      const altered = (change: (u: URL) => void) => {
        const copy = new URL(url)
        change(copy)
        return fetch(copy)
      }
      expect((await altered((u) => u.searchParams.set('t', String(Number(u.searchParams.get('t')) + 3600)))).status).toBe(403)
      expect((await altered((u) => (u.pathname = u.pathname.replace(/[0-9a-f]{32}/, again.fileID.slice(-36, -4))))).status).toBe(403)
      expect((await altered((u) => u.searchParams.set('sign', '0'.repeat(64)))).status).toBe(403)
      expect((await altered((u) => u.searchParams.delete('sign'))).status).toBe(403)

      // Past its expiry on the host's clock it is refused; the page's next load brings a new one.
      const minutesLeft = Math.ceil(
        (Date.parse(link.expiresAt) - Date.parse((await (await fetch(`${host.url}/local/clock`)).json()).now)) / 60_000,
      )
      expect(minutesLeft).toBeGreaterThan(5)
      const moved = await fetch(`${host.url}/local/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ advanceMinutes: minutesLeft }),
      })
      expect(moved.status).toBe(200)
      const expired = await fetch(url)
      expect(expired.status).toBe(403)
      expect(await expired.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('过期') } })
      const [fresh] = (await api('needs', demoIdentities.resident, 'detail', { needId: need.id })).need.photos
      expect(fresh.url).not.toBe(link.url)
      expect((await fetch(`${host.url}${fresh.url}`)).status).toBe(200)
      await api('needs', demoIdentities.resident, 'cancel', { needId: need.id })
    })

    it('refuses what is not a JPEG, PNG or WebP photo, and anything over 5 MB', async () => {
      const wrongType = await upload(Buffer.from('<svg/>'), 'image/svg+xml')
      expect(wrongType.status).toBe(415)
      expect(await wrongType.json()).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', message: expect.stringContaining('JPEG') },
      })

      const tooBig = await upload(Buffer.alloc(5 * 1024 * 1024 + 1), 'image/jpeg')
      expect(tooBig.status).toBe(413)
      expect(await tooBig.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('5 MB') } })
      expect(readdirSync(join(dataDir, 'storage')).filter((name) => name.endsWith('.jpg'))).toEqual([])
    })

    it('serves only names it gave out, never a path elsewhere', async () => {
      for (const name of ['..%2F..%2Fpackage.json', '%2e%2e%2fdb', 'abc.png', '.link-key']) {
        const answer = await fetch(`${host.url}/local/storage/${name}`)
        expect(answer.status).toBe(404)
      }
      // A name it could have given out, without a link: refused before anyone learns whether it is there.
      expect((await fetch(`${host.url}/local/storage/${'0'.repeat(32)}.png`)).status).toBe(403)
    })
  })

  describe('has one clock, which a script can move', () => {
    const readClock = async () => (await (await fetch(`${host.url}/local/clock`)).json()) as { now: string }
    const moveClock = (body: unknown) =>
      fetch(`${host.url}/local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    const haircut = async () => {
      const answer = await fetch(`${host.url}/api/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...asDemo(demoIdentities.resident) },
        body: JSON.stringify({ action: 'detail', data: { activityId: 'act-qy-xiyanghong-haircut' } }),
      })
      return (await answer.json()).data.activity
    }

    it('moves for the functions and the due work at once, and runs the due work right after the move', async () => {
      const before = new Date((await readClock()).now).getTime()
      expect((await haircut()).status).toBe('published')
      // The demo haircut ends three days after the seed: four days on, the due work has finished it.
      const moved = await moveClock({ advanceMinutes: 4 * 24 * 60 })
      expect(moved.status).toBe(200)
      const after = new Date((await moved.json()).now).getTime()
      expect(after - before).toBeGreaterThanOrEqual(4 * 86_400_000)
      expect(after - before).toBeLessThan(4 * 86_400_000 + 60_000)
      const finished = await haircut()
      expect(finished.status).toBe('finished')

      const set = await (await moveClock({ set: '2031-03-01T00:00:30+08:00' })).json()
      expect(Math.abs(new Date(set.now).getTime() - Date.parse('2031-03-01T00:00:30+08:00'))).toBeLessThan(5_000)
      // The sign-in page counts ages at the clock's year.
      const people = await (await fetch(`${host.url}/local/sign-in`)).text()
      const born = demoDataSet.people.find((p) => p.birthYear)!
      expect(people).toContain(`${2031 - born.birthYear!}岁`)
    })

    it('refuses a move it cannot make with the usual error, and stays where it was', async () => {
      for (const [body, field] of [
        [{ advanceMinutes: -5 }, 'advanceMinutes'],
        [{ advanceMinutes: 1.5 }, 'advanceMinutes'],
        [{ set: 'tomorrow' }, 'set'],
        [{ advanceMinutes: 5, set: '2031-03-01T00:00:00+08:00' }, undefined],
        [{}, undefined],
        [{ minutes: 5 }, 'minutes'],
      ] as const) {
        const before = new Date((await readClock()).now).getTime()
        const answer = await moveClock(body)
        expect(answer.status).toBe(400)
        const { ok, error } = await answer.json()
        expect({ ok, code: error.code, field: error.field }).toEqual({ ok: false, code: 'INVALID_INPUT', field })
        expect(error.message).toMatch(/[\u4e00-\u9fff]/)
        expect(Math.abs(new Date((await readClock()).now).getTime() - before)).toBeLessThan(5_000)
      }
    })
  })

  it('keeps data across a restart and does not reseed over it', async () => {
    const openid = demoIdentities.ruralOrganisationLead
    await callAccount({ action: 'updatePreferences', data: { elderMode: 'on' } }, asDemo(openid))
    await host.close()
    host = await startLocalHost({ dataDir })
    const answer = await (await callAccount({ action: 'me', data: {} }, asDemo(openid))).json()
    expect(answer.data.person.preferences.elderMode).toBe('on')
  })
})
