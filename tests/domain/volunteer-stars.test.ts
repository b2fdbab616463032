import { starGradeOf, starLabel, starProgress, starReached } from '../../shared/domain/volunteer-stars'

const hours = (h: number, m = 0) => h * 60 + m

describe('星级志愿者 from confirmed hours', () => {
  it.each([
    [hours(99, 59), 0],
    [hours(100), 1],
    [hours(299, 59), 1],
    [hours(300), 2],
    [hours(599, 59), 2],
    [hours(600), 3],
    [hours(999, 59), 3],
    [hours(1000), 4],
    [hours(1499, 59), 4],
    [hours(1500), 5],
    [hours(5000), 5],
    [0, 0],
  ])('%i minutes make %i stars', (minutes, stars) => {
    expect(starGradeOf(minutes)).toBe(stars)
  })

  it('says how far the next star is, and nothing past five', () => {
    expect(starProgress(hours(99, 59))).toEqual({ stars: 0, minutesToNext: 1 })
    expect(starProgress(hours(100))).toEqual({ stars: 1, minutesToNext: hours(200) })
    expect(starProgress(hours(1500))).toEqual({ stars: 5 })
  })

  it('tells a credit that crosses a star, and only that one', () => {
    expect(starReached(hours(99, 30), hours(100))).toBe(1)
    expect(starReached(hours(99), hours(301))).toBe(2)
    expect(starReached(hours(100), hours(120))).toBeNull()
    expect(starReached(hours(10), hours(20))).toBeNull()
  })

  it('names the grade in Chinese', () => {
    expect(starLabel(0)).toBe('')
    expect(starLabel(1)).toBe('一星志愿者')
    expect(starLabel(5)).toBe('五星志愿者')
  })
})
