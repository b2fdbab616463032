import { isPaused, rankCandidates, slotOf, type Candidate, type VolunteerProfile } from '../../shared/domain/volunteer-profile'

/** Saturday 2026-03-07 09:30 and Wednesday 2026-03-04 19:00, Shanghai. */
const saturdayMorning = new Date('2026-03-07T09:30:00+08:00')
const wednesdayEvening = new Date('2026-03-04T19:00:00+08:00')

const profile = (fields: Partial<VolunteerProfile> = {}): VolunteerProfile => ({
  skills: [],
  tags: [],
  availability: [],
  rangeM: 1000,
  paused: null,
  ...fields,
})
const candidate = (memberId: string, fields: Partial<Candidate> = {}): Candidate => ({
  memberId,
  name: memberId,
  profile: profile(),
  load: 0,
  ...fields,
})

describe('the slot a moment falls in (Asia/Shanghai)', () => {
  it.each([
    ['2026-03-07T09:30:00+08:00', 'weekend-morning'],
    ['2026-03-08T12:00:00+08:00', 'weekend-afternoon'],
    ['2026-03-04T19:00:00+08:00', 'weekday-evening'],
    // 23:30 UTC on Friday is Saturday morning in Shanghai.
    ['2026-03-06T23:30:00Z', 'weekend-morning'],
  ])('%s is %s', (at, slot) => expect(slotOf(new Date(at))).toBe(slot))
})

describe('a pause', () => {
  const now = new Date('2026-03-07T23:59:00+08:00')
  it('without an end lasts until switched off', () => expect(isPaused({}, now)).toBe(true))
  it('lasts through its last day, and not after', () => {
    expect(isPaused({ until: '2026-03-07' }, now)).toBe(true)
    expect(isPaused({ until: '2026-03-06' }, now)).toBe(false)
  })
  it('switched off is no pause', () => expect(isPaused(null, now)).toBe(false))
})

describe('who a lead sees first', () => {
  it('leaves paused members out, puts the most fitting first and says why', () => {
    const ranked = rankCandidates(
      [
        candidate('busy-cook', { profile: profile({ skills: ['助餐'], availability: ['weekend-morning'] }), load: 2, distanceM: 400 }),
        candidate('idle-cook', { profile: profile({ skills: ['助餐'], availability: ['weekend-morning'] }), load: 0, distanceM: 400 }),
        candidate('away', { profile: profile({ skills: ['助餐'], availability: ['weekend-morning'], paused: {} }), distanceM: 100 }),
        candidate('far', { profile: profile({ skills: ['助餐'], availability: ['weekend-morning'], rangeM: 500 }), distanceM: 2000 }),
        candidate('unknown', { profile: null }),
        candidate('free-only', { profile: profile({ availability: ['weekend-morning'] }) }),
      ],
      { helpKind: '助餐', at: saturdayMorning },
      saturdayMorning,
    )
    expect(ranked.map((r) => r.memberId)).toEqual(['idle-cook', 'busy-cook', 'far', 'free-only', 'unknown'])
    expect(ranked[1].reasons).toEqual(['擅长助餐', '周末上午有空', '离得近（400 米）', '手上 2 件'])
    expect(ranked[4].reasons).toEqual(['还没填志愿者资料', '手上没有任务'])
  })

  it('without a help kind (a visit) ranks by time, place and load', () => {
    const ranked = rankCandidates(
      [
        candidate('weekend', { profile: profile({ availability: ['weekend-evening'] }), load: 0 }),
        candidate('weekday', { profile: profile({ availability: ['weekday-evening'] }), load: 3 }),
      ],
      { at: wednesdayEvening },
      wednesdayEvening,
    )
    expect(ranked.map((r) => [r.memberId, r.fits.free])).toEqual([
      ['weekday', true],
      ['weekend', false],
    ])
  })
})
