/** 服务范围: whether a point lies in a community's outline or within its radius (pure geometry). */
import { communities } from '../../local/seed/demo-data'
import { inCommunityArea, insideOutline, type CommunityArea } from '../../shared/domain/community'

const square: [number, number][] = [
  [118.0, 36.8],
  [118.01, 36.8],
  [118.01, 36.81],
  [118.0, 36.81],
]
/** An L: the square without its north-east quarter. */
const notch: [number, number][] = [
  [118.0, 36.8],
  [118.01, 36.8],
  [118.01, 36.805],
  [118.005, 36.805],
  [118.005, 36.81],
  [118.0, 36.81],
]

describe('insideOutline', () => {
  it('takes a point inside and refuses one outside, on either side', () => {
    expect(insideOutline(square, [118.005, 36.805])).toBe(true)
    for (const outside of [
      [117.999, 36.805],
      [118.011, 36.805],
      [118.005, 36.799],
      [118.005, 36.811],
    ] as [number, number][]) {
      expect(insideOutline(square, outside)).toBe(false)
    }
  })

  it('follows a concave outline: the cut-out corner is outside', () => {
    expect(insideOutline(notch, [118.0025, 36.8075])).toBe(true)
    expect(insideOutline(notch, [118.0075, 36.8025])).toBe(true)
    expect(insideOutline(notch, [118.0075, 36.8075])).toBe(false)
  })

  it('does not care which way round the outline runs', () => {
    expect(insideOutline([...notch].reverse(), [118.0025, 36.8075])).toBe(true)
    expect(insideOutline([...notch].reverse(), [118.0075, 36.8075])).toBe(false)
  })
})

describe('inCommunityArea', () => {
  const centre: [number, number] = [118.1225, 36.517]
  const radius: CommunityArea = { kind: 'radius', radiusM: 1000 }
  /** `northM` metres north of the centre. */
  const north = (northM: number): [number, number] => [centre[0], centre[1] + northM / 110_574]

  it('a radius is measured from the community’s centre', () => {
    expect(inCommunityArea({ centre, serviceArea: radius }, centre)).toBe(true)
    expect(inCommunityArea({ centre, serviceArea: radius }, north(990))).toBe(true)
    expect(inCommunityArea({ centre, serviceArea: radius }, north(1010))).toBe(false)
  })

  it('an outline ignores the centre', () => {
    expect(inCommunityArea({ centre, serviceArea: { kind: 'outline', outline: square } }, [118.005, 36.805])).toBe(true)
    expect(inCommunityArea({ centre, serviceArea: { kind: 'outline', outline: square } }, centre)).toBe(false)
  })

  it('the demo’s 沁园社区 and 太河村: each holds its own centre, neither the other’s, nor Beijing', () => {
    const [town, village] = ['urban', 'rural'].map((kind) => communities.find((c) => c.kind === kind)!)
    const area = (c: typeof town) => ({ centre: c.centre.coordinates, serviceArea: c.serviceArea })
    const beijing: [number, number] = [116.3975, 39.9087]
    expect(inCommunityArea(area(town), town.centre.coordinates)).toBe(true)
    expect(inCommunityArea(area(village), village.centre.coordinates)).toBe(true)
    expect(inCommunityArea(area(town), village.centre.coordinates)).toBe(false)
    expect(inCommunityArea(area(village), town.centre.coordinates)).toBe(false)
    for (const c of [town, village]) expect(inCommunityArea(area(c), beijing)).toBe(false)
  })
})
