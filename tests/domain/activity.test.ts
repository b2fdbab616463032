import {
  ACTIVITY_PAGE,
  activityKindLabel,
  activityKindSchema,
  activityStatusAfter,
  activityStatusLabel,
  activityStatusSchema,
  approvalReasonLabel,
  attendanceRefusal,
  CHECK_IN_OPENS_MINUTES,
  CHECK_OUT_CLOSES_MINUTES,
  DEFAULT_MAJOR_THRESHOLD,
  initialActivityStatus,
  maskedName,
  needsCommitteeApproval,
  newSignUpStatus,
  placesLeft,
  reminderDue,
  scheduleProblem,
  SHORT_CODE_ATTEMPTS,
  SHORT_CODE_WINDOW_MINUTES,
  shortCodeWait,
  signUpRefusal,
  signUpsToPromote,
  volunteerServiceMinutes,
  waitlistPosition,
  type SignUpFacts,
  type SignUpStatus,
} from '../../shared/domain/activity'

const at = (wallClock: string) => new Date(`${wallClock}+08:00`)

describe('kinds and statuses', () => {
  it('labels the six kinds of the issue, and every status', () => {
    expect(activityKindSchema.options.map((k) => activityKindLabel[k])).toEqual([
      '文体活动',
      '志愿服务',
      '议事协商',
      '宣传教育',
      '便民服务',
      '节日活动',
    ])
    for (const s of activityStatusSchema.options) expect(activityStatusLabel[s]).toBeTruthy()
  })

  it('lets the committee decide only what waits for it, and finishes only what was published', () => {
    expect(activityStatusAfter('pending_approval', 'approve')).toBe('published')
    expect(activityStatusAfter('pending_approval', 'reject')).toBe('rejected')
    expect(activityStatusAfter('published', 'approve')).toBeNull()
    expect(activityStatusAfter('rejected', 'approve')).toBeNull()
    expect(activityStatusAfter('published', 'finish')).toBe('finished')
    expect(activityStatusAfter('pending_approval', 'finish')).toBeNull()
  })

  it('cancels only an activity that has not ended one way or another', () => {
    const cancellable = activityStatusSchema.options.filter((s) => activityStatusAfter(s, 'cancel') !== null)
    expect(cancellable).toEqual(['pending_approval', 'published'])
  })
})

describe('needsCommitteeApproval: 重大活动报告制度', () => {
  it('sends 50 participants or more to the committee by default, fewer straight out', () => {
    expect(DEFAULT_MAJOR_THRESHOLD).toBe(50)
    expect(needsCommitteeApproval({ participantPlaces: 49, kind: 'culture_sports' })).toEqual([])
    expect(needsCommitteeApproval({ participantPlaces: 50, kind: 'culture_sports' })).toEqual([
      { type: 'participants', places: 50, threshold: 50 },
    ])
    expect(needsCommitteeApproval({ participantPlaces: 200, kind: 'festival' })).toEqual([
      { type: 'participants', places: 200, threshold: 50 },
    ])
  })

  it("uses the community's own threshold when it sets one", () => {
    expect(needsCommitteeApproval({ participantPlaces: 20, kind: 'festival' }, { majorThreshold: 20 })).toHaveLength(1)
    expect(needsCommitteeApproval({ participantPlaces: 80, kind: 'festival' }, { majorThreshold: 100 })).toEqual([])
  })

  it('sends kinds the community marks whatever their size, giving every reason that applies', () => {
    const policy = { majorKinds: ['consultation'] as const }
    expect(needsCommitteeApproval({ participantPlaces: 5, kind: 'consultation' }, policy)).toEqual([{ type: 'kind', kind: 'consultation' }])
    expect(needsCommitteeApproval({ participantPlaces: 5, kind: 'publicity' }, policy)).toEqual([])
    expect(needsCommitteeApproval({ participantPlaces: 60, kind: 'consultation' }, policy).map((r) => r.type)).toEqual([
      'participants',
      'kind',
    ])
  })

  it('says in the queue why each one is there, and where a new activity starts', () => {
    const [bySize] = needsCommitteeApproval({ participantPlaces: 80, kind: 'festival' })
    expect(approvalReasonLabel(bySize)).toBe('参与名额 80 人，达到社区规定的 50 人')
    expect(approvalReasonLabel({ type: 'kind', kind: 'consultation' })).toBe('社区规定议事协商须报批')
    expect(initialActivityStatus([bySize])).toBe('pending_approval')
    expect(initialActivityStatus([])).toBe('published')
  })
})

describe('the schedule and the sign-up deadline', () => {
  const now = at('2026-05-01T09:00:00')
  const schedule = { startAt: at('2026-05-03T09:00:00'), endAt: at('2026-05-03T11:00:00'), signUpDeadline: at('2026-05-02T18:00:00') }

  it('accepts a deadline before or at the start, still ahead', () => {
    expect(scheduleProblem(schedule, now)).toBeNull()
    expect(scheduleProblem({ ...schedule, signUpDeadline: schedule.startAt }, now)).toBeNull()
  })

  it('refuses an end not after the start, a deadline after the start, and a deadline already past', () => {
    expect(scheduleProblem({ ...schedule, endAt: schedule.startAt }, now)?.field).toBe('endAt')
    expect(scheduleProblem({ ...schedule, signUpDeadline: at('2026-05-03T09:01:00') }, now)?.field).toBe('signUpDeadline')
    expect(scheduleProblem(schedule, schedule.signUpDeadline)?.field).toBe('signUpDeadline')
    // A start already past is said at the start, not as a deadline that has passed.
    expect(scheduleProblem(schedule, schedule.startAt)).toEqual({ field: 'startAt', message: '开始时间已经过去了，请选以后的时间' })
  })

  it('takes sign-ups for a published activity up to its deadline, not at it', () => {
    const activity = { status: 'published' as const, signUpDeadline: schedule.signUpDeadline }
    expect(signUpRefusal(activity, 10, now)).toBeNull()
    expect(signUpRefusal(activity, 10, new Date(schedule.signUpDeadline.getTime() - 1))).toBeNull()
    expect(signUpRefusal(activity, 10, schedule.signUpDeadline)).toBe('报名已截止')
  })

  it('takes none while the committee decides, after a cancellation, or for a role with no places', () => {
    for (const status of ['pending_approval', 'rejected', 'cancelled', 'finished'] as const) {
      expect(signUpRefusal({ status, signUpDeadline: schedule.signUpDeadline }, 10, now)).toBe('活动不在报名中')
    }
    expect(signUpRefusal({ status: 'published', signUpDeadline: schedule.signUpDeadline }, 0, now)).toBe('本活动不招募这一类报名')
  })
})

describe('sign-ups: places, waitlist and promotion', () => {
  const t0 = at('2026-05-01T09:00:00').getTime()
  const signUp = (id: string, status: SignUpStatus, second: number): SignUpFacts => ({
    id,
    status,
    signedUpAt: new Date(t0 + second * 1000),
  })

  /** Signs people up one after another, as the function layer would in its transactions. */
  function signUpAll(places: number, ids: string[]): SignUpFacts[] {
    const signUps: SignUpFacts[] = []
    ids.forEach((id, i) => signUps.push(signUp(id, newSignUpStatus(places, signUps), i)))
    return signUps
  }

  it('confirms sign-ups while places are left, then waitlists them in order', () => {
    const signUps = signUpAll(2, ['a', 'b', 'c', 'd'])
    expect(signUps.map((s) => s.status)).toEqual(['confirmed', 'confirmed', 'waitlisted', 'waitlisted'])
    expect(placesLeft(2, signUps)).toBe(0)
    expect(waitlistPosition(signUps, 'c')).toBe(1)
    expect(waitlistPosition(signUps, 'd')).toBe(2)
    expect(waitlistPosition(signUps, 'a')).toBeNull()
  })

  it('gives a cancelled place back, and never counts cancellations as taken', () => {
    const signUps = [signUp('a', 'cancelled', 0), signUp('b', 'confirmed', 1)]
    expect(placesLeft(2, signUps)).toBe(1)
    expect(newSignUpStatus(2, signUps)).toBe('confirmed')
    expect(newSignUpStatus(1, signUps)).toBe('waitlisted')
  })

  it('promotes the first on the waitlist when someone cancels, whatever order the sign-ups come in', () => {
    const signUps = [
      signUp('late', 'waitlisted', 30),
      signUp('a', 'cancelled', 0),
      signUp('b', 'confirmed', 1),
      signUp('early', 'waitlisted', 20),
    ]
    expect(signUpsToPromote(2, signUps)).toEqual(['early'])
    expect(waitlistPosition(signUps, 'early')).toBe(1)
  })

  it('breaks a tie in the same millisecond by id, so every caller promotes the same one', () => {
    const signUps = [signUp('b', 'confirmed', 0), signUp('y', 'waitlisted', 5), signUp('x', 'waitlisted', 5)]
    expect(signUpsToPromote(2, signUps)).toEqual(['x'])
    expect(signUpsToPromote(2, [...signUps].reverse())).toEqual(['x'])
  })

  it('promotes nobody while the places are full or the waitlist is empty, and as many as are free', () => {
    expect(signUpsToPromote(1, [signUp('a', 'confirmed', 0), signUp('b', 'waitlisted', 1)])).toEqual([])
    expect(signUpsToPromote(3, [signUp('a', 'cancelled', 0), signUp('b', 'confirmed', 1)])).toEqual([])
    expect(
      signUpsToPromote(3, [
        signUp('a', 'confirmed', 0),
        signUp('b', 'waitlisted', 1),
        signUp('c', 'waitlisted', 2),
        signUp('d', 'waitlisted', 3),
      ]),
    ).toEqual(['b', 'c'])
  })

  it('keeps places and waitlist straight through cancellations and promotions', () => {
    let signUps = signUpAll(3, ['a', 'b', 'c', 'd', 'e', 'f'])
    const cancel = (id: string) => {
      signUps = signUps.map((s) => (s.id === id ? { ...s, status: 'cancelled' as const } : s))
      const promoted = signUpsToPromote(3, signUps)
      signUps = signUps.map((s) => (promoted.includes(s.id) ? { ...s, status: 'confirmed' as const } : s))
      return promoted
    }
    expect(cancel('b')).toEqual(['d'])
    expect(cancel('e')).toEqual([]) // a waitlisted person leaving frees no place
    expect(cancel('a')).toEqual(['f'])
    expect(signUps.filter((s) => s.status === 'confirmed').map((s) => s.id)).toEqual(['c', 'd', 'f'])
    expect(cancel('c')).toEqual([])
    expect(placesLeft(3, signUps)).toBe(1)
  })
})

describe('volunteerServiceMinutes', () => {
  const activity = { startAt: at('2026-05-03T09:00:00'), endAt: at('2026-05-03T11:00:00') }
  const served = (checkIn: string, checkOut: string) =>
    volunteerServiceMinutes({ checkInAt: at(checkIn), checkOutAt: at(checkOut) }, activity)

  it('counts whole minutes from check-in to check-out', () => {
    expect(served('2026-05-03T09:05:00', '2026-05-03T10:35:00')).toBe(90)
    expect(served('2026-05-03T09:05:00', '2026-05-03T09:06:59')).toBe(1)
  })

  it('never counts more than the activity lasts', () => {
    expect(served('2026-05-03T08:00:00', '2026-05-03T11:30:00')).toBe(120)
    expect(served('2026-05-03T09:00:00', '2026-05-04T09:00:00')).toBe(120)
  })

  it('never goes negative when check-out comes before check-in', () => {
    expect(served('2026-05-03T10:00:00', '2026-05-03T09:00:00')).toBe(0)
    expect(served('2026-05-03T10:00:00', '2026-05-03T10:00:00')).toBe(0)
  })

  it('is always an integer', () => {
    expect(Number.isInteger(volunteerServiceMinutes({ checkInAt: new Date(1), checkOutAt: new Date(90_001) }, activity))).toBe(true)
  })
})

describe('attendance: when a code may be used', () => {
  const activity = { startAt: at('2026-05-03T09:00:00'), endAt: at('2026-05-03T11:00:00') }
  const minutes = (n: number) => n * 60_000

  it('opens check-in an hour before the start and closes it at the end', () => {
    expect(CHECK_IN_OPENS_MINUTES).toBe(60)
    expect(attendanceRefusal('check_in', activity, new Date(activity.startAt.getTime() - minutes(61)))).toBe('活动开始前 60 分钟才能签到')
    expect(attendanceRefusal('check_in', activity, new Date(activity.startAt.getTime() - minutes(60)))).toBeNull()
    expect(attendanceRefusal('check_in', activity, activity.endAt)).toBeNull()
    expect(attendanceRefusal('check_in', activity, new Date(activity.endAt.getTime() + 1))).toBe('活动已结束，不能再签到')
  })

  it('keeps check-out open for a while after the end, then refers the volunteer to the lead', () => {
    expect(attendanceRefusal('check_out', activity, new Date(activity.endAt.getTime() + minutes(CHECK_OUT_CLOSES_MINUTES)))).toBeNull()
    expect(attendanceRefusal('check_out', activity, new Date(activity.endAt.getTime() + minutes(CHECK_OUT_CLOSES_MINUTES) + 1))).toBe(
      '签退时间已过，请联系负责人',
    )
  })

  it('lets the lead tick by hand after the end too, but not before check-in opens', () => {
    const dayLater = new Date(activity.endAt.getTime() + minutes(24 * 60))
    expect(attendanceRefusal('check_in', activity, dayLater, 'lead')).toBeNull()
    expect(attendanceRefusal('check_out', activity, dayLater, 'lead')).toBeNull()
    expect(attendanceRefusal('check_in', activity, new Date(activity.startAt.getTime() - minutes(61)), 'lead')).toBe(
      '活动开始前 60 分钟才能签到',
    )
  })
})

describe('shortCodeWait: guessing six digits', () => {
  const now = at('2026-05-03T09:30:00')
  const ago = (m: number) => new Date(now.getTime() - m * 60_000)

  it('lets a person mistype up to the limit, then makes them wait until the oldest miss leaves the window', () => {
    expect(SHORT_CODE_ATTEMPTS).toBe(5)
    expect(shortCodeWait([ago(1), ago(2), ago(3), ago(4)], now)).toBeNull()
    expect(shortCodeWait([ago(1), ago(2), ago(3), ago(4), ago(7)], now)).toBe(SHORT_CODE_WINDOW_MINUTES - 7)
    expect(shortCodeWait([ago(0), ago(0), ago(0), ago(0), ago(0)], now)).toBe(SHORT_CODE_WINDOW_MINUTES)
  })

  it('forgets misses older than the window, and never says to wait 0 minutes', () => {
    expect(shortCodeWait([ago(1), ago(2), ago(3), ago(11), ago(12)], now)).toBeNull()
    expect(shortCodeWait([ago(1), ago(2), ago(3), ago(4), ago(9.99)], now)).toBe(1)
  })
})

describe('reminderDue: a day and an hour before', () => {
  const startAt = at('2026-05-03T09:00:00')
  const before = (hours: number) => new Date(startAt.getTime() - hours * 3_600_000)

  it('sends nothing until a day before, then the day reminder once', () => {
    expect(reminderDue(startAt, undefined, before(25))).toBeNull()
    expect(reminderDue(startAt, undefined, before(24))).toBe('day')
    expect(reminderDue(startAt, 'day', before(2))).toBeNull()
  })

  it('sends the hour reminder once, and only it when both are due', () => {
    expect(reminderDue(startAt, 'day', before(1))).toBe('hour')
    expect(reminderDue(startAt, undefined, before(0.5))).toBe('hour')
    expect(reminderDue(startAt, 'hour', before(0.5))).toBeNull()
  })

  it('sends nothing once it has started', () => {
    expect(reminderDue(startAt, undefined, startAt)).toBeNull()
  })
})

describe('what others see', () => {
  it('shows a commenter by surname only', () => {
    expect(maskedName('杨丽')).toBe('杨*')
    expect(maskedName('欧阳明月')).toBe('欧***')
    expect(maskedName('王')).toBe('王*')
    expect(maskedName(' ')).toBe('居民')
  })

  it('names the page messages open', () => {
    expect(ACTIVITY_PAGE).toMatch(/^pages\/[a-z/-]+\/index$/)
  })
})
