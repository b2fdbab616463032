/**
 * 证明查验 in public (decision 047), through the SDK against the stand-in: a stranger in WeChat and a
 * browser that never signed in both read a certificate, masked; each caller's looks and misses are
 * limited on the one clock, web visitors' misses also together; the certificate's mini-program code
 * is made for its owner alone, and what WeChat would refuse is refused locally.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import QRCode from 'qrcode'
import { appPages } from '../../client/src/app-pages'
import { functionMains } from '../../local/host/functions'
import { visitorContext } from '../../local/host/platform-context'
import { localOutbox } from '../../local/outbox'
import { useWeChat } from '../../server/wechat'
import { demoIdentities as who, demoPerson as personOf } from '../../local/seed/demo-data'
import type { Envelope } from '../../shared/contract'
import type { Certificate } from '../../shared/contracts/timebank'
import { miniProgramCodeRefusal } from '../../shared/domain/mini-program-code'
import { VERIFY_LOOK_LIMIT, VERIFY_MISS_LIMIT, VERIFY_PAGE, WEB_VISITORS_MISS_LIMIT, verifyScene } from '../../shared/domain/verification'
import { freshDatabasePerGroup, testClock, type TestDatabase } from '../support/database'
import { callTimebank as call, failure, ok } from './calls'

const xuMin = personOf(who.volunteer)
let database: TestDatabase
freshDatabasePerGroup((d) => (database = d))
afterAll(() => testClock.reset())

let issued: Certificate
beforeAll(async () => {
  issued = (
    await ok(
      call(xuMin.openid, 'issueCertificate', {
        from: '2026-01-01',
        to: '2026-12-31',
        issuer: { kind: 'organisation', id: 'org-qy-xiyanghong' },
      }),
    )
  ).certificate
})

let callers = 0
/** Someone WeChat knows and the app does not: no person, no community; a new one for each test. */
const stranger = () => `o-stranger-${++callers}`
/** A browser outside WeChat, never signed in: CloudBase's anonymous user, a new one for each test. */
const visitor = () => `anon-${++callers}`
const verifyAsVisitor = async (uid: string, number: string) =>
  (await functionMains.timebank({ action: 'verifyCertificate', data: { number } }, visitorContext('timebank', uid))) as Envelope<{
    certificate: Certificate
  }>

/** A well-formed number no certificate has. */
const unknownNumber = (n: number) => `ZZZZ-ZZZZ-ZZZZ-${String(n).padStart(4, '0')}`

describe('whoever holds the number reads the certificate, masked, without signing in', () => {
  it('a WeChat user who never joined a community', async () => {
    const { certificate } = await ok(call(stranger(), 'verifyCertificate', { number: issued.number }))
    expect(certificate).toEqual({ ...issued, holder: { ...issued.holder, name: '徐*' } })
  })

  it('a browser outside WeChat that never signed in, and the answer names nobody’s account', async () => {
    const answer = await verifyAsVisitor(visitor(), issued.number)
    expect(answer.ok && answer.data.certificate.holder.name).toBe('徐*')
    expect(JSON.stringify(answer)).not.toContain(xuMin.openid)
    expect(JSON.stringify(answer)).not.toContain(xuMin.name)
  })

  it('an unknown number is NOT_FOUND; a call with no identity at all is refused', async () => {
    expect(await failure(call(stranger(), 'verifyCertificate', { number: unknownNumber(1) }))).toEqual({
      code: 'NOT_FOUND',
      field: 'data.number',
    })
    expect(await failure(call(null, 'verifyCertificate', { number: issued.number }))).toEqual({ code: 'UNAUTHENTICATED' })
  })

  it('a visitor calls nothing but what is public', async () => {
    const answer = (await functionMains.timebank(
      { action: 'account', data: {} },
      visitorContext('timebank', visitor()),
    )) as Envelope<unknown>
    expect(answer).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })
})

describe('looks are limited per caller, on the one clock', () => {
  it(`the look after ${VERIFY_LOOK_LIMIT.attempts} in ${VERIFY_LOOK_LIMIT.windowMinutes} minutes is refused, and works again after`, async () => {
    const caller = stranger()
    for (let i = 0; i < VERIFY_LOOK_LIMIT.attempts; i++) await ok(call(caller, 'verifyCertificate', { number: issued.number }))
    expect(await failure(call(caller, 'verifyCertificate', { number: issued.number }))).toEqual({
      code: 'RATE_LIMITED',
      field: 'data.number',
    })
    // Someone else is not held up by it.
    await ok(call(stranger(), 'verifyCertificate', { number: issued.number }))
    testClock.advance(VERIFY_LOOK_LIMIT.windowMinutes * 60_000)
    await ok(call(caller, 'verifyCertificate', { number: issued.number }))
  })

  it(`unknown numbers count stricter: after ${VERIFY_MISS_LIMIT.attempts} an hour even a real number waits`, async () => {
    const caller = visitor()
    for (let i = 0; i < VERIFY_MISS_LIMIT.attempts; i++) {
      expect(await verifyAsVisitor(caller, unknownNumber(i))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    }
    expect(await verifyAsVisitor(caller, issued.number)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    testClock.advance((VERIFY_MISS_LIMIT.windowMinutes - 1) * 60_000)
    expect(await verifyAsVisitor(caller, issued.number)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    testClock.advance(60_000)
    expect(await verifyAsVisitor(caller, issued.number)).toMatchObject({ ok: true })
  })

  it('web visitors’ misses also count together: new browsers cannot guess on, WeChat users are not held up', async () => {
    const visitors = WEB_VISITORS_MISS_LIMIT.attempts / VERIFY_MISS_LIMIT.attempts
    for (let v = 0; v < visitors; v++) {
      const uid = visitor()
      for (let i = 0; i < VERIFY_MISS_LIMIT.attempts; i++) {
        expect(await verifyAsVisitor(uid, unknownNumber(i))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      }
    }
    expect(await verifyAsVisitor(visitor(), issued.number)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    await ok(call(stranger(), 'verifyCertificate', { number: issued.number }))
    testClock.advance(WEB_VISITORS_MISS_LIMIT.windowMinutes * 60_000)
    expect(await verifyAsVisitor(visitor(), issued.number)).toMatchObject({ ok: true })
  })
})

describe('the certificate’s mini-program code', () => {
  it('is made for its owner: a code of the verify page with the number, stored, behind a link', async () => {
    const { code } = await ok(call(xuMin.openid, 'certificateCode', { number: issued.number }))
    const name = /^\/local\/storage\/([0-9a-f]{32}\.png)\?/.exec(code!.url)![1]
    const expected = await QRCode.toDataURL(`${VERIFY_PAGE}?number=${issued.number}`, { type: 'image/png', margin: 2, width: 430 })
    expect(readFileSync(join(database.storageDir, name)).toString('base64')).toBe(expected.split(',')[1])
  })

  it('is left out when WeChat gives none: the printed number verifies all the same', async () => {
    useWeChat(localOutbox({ beforeFirstRelease: true }))
    try {
      expect(await ok(call(xuMin.openid, 'certificateCode', { number: issued.number }))).toEqual({})
    } finally {
      useWeChat(localOutbox())
    }
  })

  it('is nobody else’s to ask for', async () => {
    expect(await failure(call(who.resident, 'certificateCode', { number: issued.number }))).toEqual({
      code: 'NOT_FOUND',
      field: 'data.number',
    })
  })

  it('fits what WeChat takes; the local stand-in refuses what WeChat would', async () => {
    const pages = appPages()
    expect(miniProgramCodeRefusal({ page: VERIFY_PAGE, scene: verifyScene(issued.number), width: 430 }, pages)).toBeNull()
    const refused = async (request: { page: string; scene: string; width?: number }) =>
      localOutbox()
        .miniProgramCode(request)
        .then(
          () => null,
          (error: { errCode?: number }) => error.errCode,
        )
    expect(await refused({ page: VERIFY_PAGE, scene: `${verifyScene(issued.number)}-ABCDEF` })).toBe(40169)
    expect(await refused({ page: VERIFY_PAGE, scene: '' })).toBe(40169)
    expect(await refused({ page: VERIFY_PAGE, scene: 'number=王*' })).toBe(40129)
    expect(await refused({ page: VERIFY_PAGE, scene: 'number%3DABCD' })).toBe(40129)
    expect(await refused({ page: `/${VERIFY_PAGE}`, scene: 'number=ABCD' })).toBe(41030)
    expect(await refused({ page: 'pages/time-bank/more/nothing/index', scene: 'number=ABCD' })).toBe(41030)
    expect(await refused({ page: VERIFY_PAGE, scene: 'number=ABCD', width: 279 })).toBe(40097)
    expect(await refused({ page: VERIFY_PAGE, scene: 'number=ABCD', width: 1281 })).toBe(40097)
    expect(await refused({ page: VERIFY_PAGE, scene: 'number=ABCD', width: 280 })).toBeNull()
  })
})
