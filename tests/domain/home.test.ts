import { homeBadge, homeOrder } from '../../shared/domain/home'

const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 9) + minutes * 60_000)

describe('the order of 首页', () => {
  it('puts 危及生命安全 first, then 紧急, then the rest, whatever their age or deadline', () => {
    const items = [
      { name: 'old normal', urgency: 'normal' as const, since: at(0) },
      { name: 'no urgency, due soon', since: at(5), deadline: at(10) },
      { name: 'urgent', urgency: 'urgent' as const, since: at(20) },
      { name: 'life', urgency: 'life' as const, since: at(30) },
    ]
    expect([...items].sort(homeOrder).map((i) => i.name)).toEqual(['life', 'urgent', 'no urgency, due soon', 'old normal'])
  })

  it('within one degree of harm: what lapses first, then what has waited longest', () => {
    const items = [
      { name: 'newest', urgency: 'urgent' as const, since: at(30) },
      { name: 'lapses later', urgency: 'urgent' as const, since: at(0), deadline: at(120) },
      { name: 'oldest', urgency: 'urgent' as const, since: at(-60) },
      { name: 'lapses first', urgency: 'urgent' as const, since: at(10), deadline: at(60) },
    ]
    expect([...items].sort(homeOrder).map((i) => i.name)).toEqual(['lapses first', 'lapses later', 'oldest', 'newest'])
  })

  it('counts each item as the things it stands for', () => {
    expect(homeBadge([{ count: 1 }, { count: 5 }, { count: 2 }])).toBe(8)
    expect(homeBadge([])).toBe(0)
  })
})
