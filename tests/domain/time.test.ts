import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'
import { shanghaiDayStart } from '../../shared/domain/time'

/** Runs `inShanghai` in a process whose own zone is not Shanghai, as a phone abroad or a server in UTC would be. */
function inShanghaiElsewhere(zone: string, expression: string): string {
  const module = resolve(__dirname, '../../shared/domain/time.ts')
  const script = `const { inShanghai } = require(${JSON.stringify(module)}); process.stdout.write(${expression})`
  return execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { env: { ...process.env, TZ: zone } }).toString()
}

describe('Shanghai time', () => {
  it('begins a Shanghai day at 16:00 UTC the day before', () => {
    expect(shanghaiDayStart('2026-11-24').toISOString()).toBe('2026-11-23T16:00:00.000Z')
  })

  it.each(['UTC', 'America/New_York', 'Asia/Shanghai'])('shows the Shanghai wall clock in a process set to %s', (zone) => {
    expect(inShanghaiElsewhere(zone, `inShanghai('2026-11-23T16:44:00Z').format('YYYY-MM-DD HH:mm')`)).toBe('2026-11-24 00:44')
  })

  it('ends the Shanghai day at Shanghai midnight, wherever it runs', () => {
    expect(inShanghaiElsewhere('America/New_York', `inShanghai('2026-11-23T16:44:00Z').endOf('day').toISOString()`)).toBe(
      '2026-11-24T15:59:59.999Z',
    )
  })
})
