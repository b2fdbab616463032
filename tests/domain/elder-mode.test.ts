import { isElderModeOn } from '../../shared/domain/elder-mode'

describe('长辈模式', () => {
  it.each([
    ['auto', undefined, false],
    ['auto', 1, false],
    ['auto', 1.3, false],
    ['auto', 1.4, true],
    ['auto', 2, true],
    ['on', 1, true],
    ['off', 2, false],
  ] as const)('preference %s with font scale %s is %s', (preference, scale, expected) => {
    expect(isElderModeOn(preference, scale)).toBe(expected)
  })
})
