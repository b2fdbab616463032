import {
  AUTO_CLOSE_DAYS,
  autoCloseBefore,
  callFirst,
  chooseShortlist,
  DUPLICATE_WINDOW_HOURS,
  duplicateSince,
  finishWindowMinutes,
  followUpOf,
  harmFirst,
  harmRank,
  needStatusAfter,
  needStatusSchema,
  offerDeadline,
  offerWindowMinutes,
  overdueGraceMinutes,
  SCORE_WEIGHTS,
  scoreCandidate,
  TIE_MARGIN,
  urgencySchema,
  type CandidateFacts,
  type MatchScore,
} from '../../shared/domain/need'

const facts = (overrides: Partial<CandidateFacts> = {}): CandidateFacts => ({
  organisationId: 'org-a',
  distanceM: 0,
  radiusM: 1000,
  helpKinds: ['助餐'],
  activeTasks: 0,
  capacity: 4,
  lastOfferedAt: null,
  ...overrides,
})

describe('scoreCandidate', () => {
  it('puts every part in 0..1 and weighs them into the total', () => {
    const { total, parts } = scoreCandidate(
      facts({ distanceM: 250, activeTasks: 1, rating: { sum: 9, count: 2 }, response: { minutesSum: 60, count: 2 } }),
      '助餐',
    )
    expect(parts).toEqual({ distance: 0.75, fit: 1, load: 0.75, response: 0.667, rating: 0.875 })
    const weighted = Object.entries(SCORE_WEIGHTS).reduce((sum, [k, w]) => sum + w * parts[k as keyof typeof parts], 0)
    expect(total).toBeCloseTo(weighted, 3)
    expect(Object.values(SCORE_WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9)
  })

  it('scores nearer, better fitting, less loaded, quicker and better rated candidates higher', () => {
    const base = scoreCandidate(facts({ distanceM: 500 }), '助餐').total
    expect(scoreCandidate(facts({ distanceM: 100 }), '助餐').total).toBeGreaterThan(base)
    expect(scoreCandidate(facts({ distanceM: 500, helpKinds: ['生活照料', '助餐'] }), '助餐').total).toBeLessThan(base)
    expect(scoreCandidate(facts({ distanceM: 500, activeTasks: 3 }), '助餐').total).toBeLessThan(base)
    expect(scoreCandidate(facts({ distanceM: 500, response: { minutesSum: 10, count: 1 } }), '助餐').total).toBeGreaterThan(base)
    expect(scoreCandidate(facts({ distanceM: 500, response: { minutesSum: 600, count: 1 } }), '助餐').total).toBeLessThan(base)
    expect(scoreCandidate(facts({ distanceM: 500, rating: { sum: 5, count: 1 } }), '助餐').total).toBeGreaterThan(base)
    expect(scoreCandidate(facts({ distanceM: 500, rating: { sum: 1, count: 1 } }), '助餐').total).toBeLessThan(base)
  })

  it('treats no history as neutral, and the edge of the circle and a full organisation as zero', () => {
    expect(scoreCandidate(facts({ distanceM: 1000, activeTasks: 4 }), '助餐').parts).toEqual({
      distance: 0,
      fit: 1,
      load: 0,
      response: 0.5,
      rating: 0.5,
    })
  })
})

describe('chooseShortlist: fair rotation', () => {
  const score = (total: number): MatchScore => ({ total, parts: { distance: 0, fit: 0, load: 0, response: 0, rating: 0 } })
  const candidate = (organisationId: string, total: number, lastOfferedAt: Date | null = null) => ({
    organisationId,
    score: score(total),
    lastOfferedAt,
  })

  it('takes the best totals when they differ by more than the margin', () => {
    const chosen = chooseShortlist([candidate('c', 0.5), candidate('a', 0.9), candidate('b', 0.7)], 2)
    expect(chosen.map((c) => c.organisationId)).toEqual(['a', 'b'])
  })

  it('among near-equal totals, offers first whoever was offered longest ago (never first of all)', () => {
    const chosen = chooseShortlist(
      [
        candidate('recent', 0.8, new Date('2026-03-02')),
        candidate('older', 0.8 - TIE_MARGIN / 2, new Date('2026-03-01')),
        candidate('never', 0.78),
      ],
      3,
    )
    expect(chosen.map((c) => c.organisationId)).toEqual(['never', 'older', 'recent'])
  })

  it('makes equal organisations take turns: none is always first, none always idle', () => {
    const lastOffered = new Map<string, Date | null>([
      ['a', null],
      ['b', null],
      ['c', null],
    ])
    const firsts: string[] = []
    const offered = new Map<string, number>([
      ['a', 0],
      ['b', 0],
      ['c', 0],
    ])
    for (let i = 0; i < 9; i++) {
      const chosen = chooseShortlist(
        [...lastOffered].map(([id, at]) => candidate(id, 0.7, at)),
        1,
      )
      firsts.push(chosen[0].organisationId)
      for (const c of chosen) {
        lastOffered.set(c.organisationId, new Date(Date.UTC(2026, 0, 1, 0, i)))
        offered.set(c.organisationId, offered.get(c.organisationId)! + 1)
      }
    }
    expect(firsts).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a', 'b', 'c'])
    expect([...offered.values()]).toEqual([3, 3, 3])
  })

  it('never offers more than the size, or more than there are', () => {
    expect(chooseShortlist([candidate('a', 0.5)], 3)).toHaveLength(1)
    expect(chooseShortlist([], 3)).toEqual([])
  })
})

describe('deadlines and windows', () => {
  const at = new Date('2026-03-01T08:00:00Z')
  it('gives an offer the window its urgency sets', () => {
    expect(offerDeadline('urgent', at)).toEqual(new Date('2026-03-01T08:15:00Z'))
    expect(offerDeadline('normal', at).getTime() - at.getTime()).toBe(offerWindowMinutes.normal * 60_000)
  })
  it('counts duplicates over the last 24 hours and closes unanswered needs after 7 days', () => {
    expect(at.getTime() - duplicateSince(at).getTime()).toBe(DUPLICATE_WINDOW_HOURS * 3600_000)
    expect(at.getTime() - autoCloseBefore(at).getTime()).toBe(AUTO_CLOSE_DAYS * 24 * 3600_000)
  })
})

describe('needStatusAfter', () => {
  it('allows each action only from its statuses', () => {
    expect(needStatusAfter('matching', 'accept')).toBe('accepted')
    expect(needStatusAfter('accepted', 'accept')).toBeNull()
    expect(needStatusAfter('escalated', 'assign')).toBe('accepted')
    expect(needStatusAfter('done', 'confirm')).toBe('closed')
    expect(needStatusAfter('done', 'reopen')).toBe('matching')
    expect(needStatusAfter('done', 'autoClose')).toBe('closed')
    expect(needStatusAfter('review', 'publish')).toBe('matching')
    expect(needStatusAfter('matching', 'escalate')).toBe('escalated')
  })

  it('lets the requester cancel only before acceptance', () => {
    const cancellable = needStatusSchema.options.filter((s) => needStatusAfter(s, 'cancel') !== null)
    expect(cancellable).toEqual(['review', 'matching', 'escalated'])
  })

  it('lets nothing happen to a closed, cancelled or hidden need', () => {
    const actions = [
      'publish',
      'hide',
      'escalate',
      'accept',
      'assign',
      'cancel',
      'assignVolunteers',
      'progress',
      'done',
      'confirm',
      'reopen',
      'autoClose',
    ] as const
    for (const status of ['closed', 'cancelled', 'hidden'] as const) {
      for (const action of actions) expect([status, action, needStatusAfter(status, action)]).toEqual([status, action, null])
    }
  })
})

describe('harmFirst: the order of everything that waits', () => {
  const day = 24 * 3600_000
  const raised = (daysAgo: number) => new Date(Date.UTC(2026, 9, 1) - daysAgo * day)

  it('puts 危及生命安全 first, then 紧急, then the rest, however long the rest have waited', () => {
    const items = [
      { id: 'application', since: raised(265) },
      { id: 'normal', urgency: 'normal' as const, since: raised(30) },
      { id: 'urgent', urgency: 'urgent' as const, since: raised(1) },
      { id: 'life', urgency: 'life' as const, since: raised(0) },
      { id: 'advice', urgency: 'advice' as const, since: raised(300) },
    ]
    expect([...items].sort(harmFirst).map((i) => i.id)).toEqual(['life', 'urgent', 'advice', 'application', 'normal'])
  })

  it('orders by how long each has waited within the same harm, from ISO strings as from dates', () => {
    const items = [
      { id: 'later', urgency: 'life' as const, since: raised(1).toISOString() },
      { id: 'earlier', urgency: 'life' as const, since: raised(2).toISOString() },
    ]
    expect([...items].sort(harmFirst).map((i) => i.id)).toEqual(['earlier', 'later'])
    expect(harmRank('normal')).toBe(harmRank(undefined))
    expect(harmRank('advice')).toBe(harmRank(undefined))
  })
})

describe('followUpOf: when an accepted need should be done', () => {
  const acceptedAt = new Date('2026-10-01T02:00:00Z')
  const later = (minutes: number) => new Date(acceptedAt.getTime() + minutes * 60_000)

  it('without a wanted time: within its urgency’s window, then the grace before the committee is told', () => {
    for (const urgency of urgencySchema.options) {
      const { finishBy, overdueAt } = followUpOf(urgency, acceptedAt)
      expect(finishBy).toEqual(later(finishWindowMinutes[urgency]))
      expect(overdueAt).toEqual(later(finishWindowMinutes[urgency] + overdueGraceMinutes[urgency]))
    }
    expect(followUpOf('life', acceptedAt).finishBy.getTime()).toBeLessThan(followUpOf('urgent', acceptedAt).finishBy.getTime())
  })

  it('by the requester’s wanted time when it is still ahead, earlier or later than the urgency’s window', () => {
    expect(followUpOf('normal', acceptedAt, later(60)).finishBy).toEqual(later(60))
    expect(followUpOf('advice', acceptedAt, later(30 * 24 * 60)).finishBy).toEqual(later(30 * 24 * 60))
    expect(followUpOf('advice', acceptedAt, later(60)).overdueAt).toEqual(later(60 + overdueGraceMinutes.advice))
  })

  it('a wanted time already past when accepted gives the urgency’s window instead', () => {
    expect(followUpOf('urgent', acceptedAt, later(-60)).finishBy).toEqual(later(finishWindowMinutes.urgent))
  })
})

describe('callFirst: the numbers shown at once', () => {
  const numbers = (need: Parameters<typeof callFirst>[0]) => callFirst(need)?.numbers.map((n) => `${n.label} ${n.number}`)

  it('危及生命安全: 110, 120 and 119', () => {
    expect(numbers({ urgency: 'life', helpKind: '紧急救助' })).toEqual(['报警 110', '急救 120', '火警 119'])
  })

  it('a scam, however urgent it was marked: 110 and 96110, the national anti-fraud line', () => {
    for (const urgency of ['urgent', 'normal', 'advice', null] as const) {
      expect(callFirst({ urgency, helpKind: '防骗维权' })).toEqual({
        life: false,
        fraud: true,
        numbers: [
          { number: '110', label: '报警' },
          { number: '96110', label: '反诈专线' },
        ],
      })
    }
  })

  it('both at once: every number, 110 once', () => {
    expect(numbers({ urgency: 'life', helpKind: '防骗维权' })).toEqual(['报警 110', '急救 120', '火警 119', '反诈专线 96110'])
  })

  it('nothing for other needs, nor for a form where neither is chosen yet', () => {
    expect(callFirst({ urgency: 'urgent', helpKind: '法律援助' })).toBeNull()
    expect(callFirst({ urgency: null, helpKind: null })).toBeNull()
  })
})
