import { areaKm2Of } from '../../shared/domain/community'
import { columnLetter, readCommunitySheet, sheetColumns } from '../../shared/domain/community-sheet'

const header = { row: 1, cells: sheetColumns.map((c) => c.header) }
const row = (cells: (string | number | null)[], at = 2) => ({ row: at, cells })

describe('reading a sheet of communities', () => {
  it('names columns as Excel does', () => {
    expect([0, 6, 25, 26, 27, 51, 52].map(columnLetter)).toEqual(['A', 'G', 'Z', 'AA', 'AB', 'AZ', 'BA'])
  })

  it('takes half-width brackets and spaces in the header, and defaults the radius by kind', () => {
    const spaced = { row: 1, cells: ['社区名称', ' 类型 ', '街道(镇)', '中心经度', '中心纬度', '服务半径(米)', '两委电话'] }
    expect(readCommunitySheet(spaced, [row(['太河村', '农村', '太河镇', 118.12, 36.51, null, '0533-5160482'])])).toEqual({
      communities: [
        {
          row: 2,
          community: {
            name: '太河村',
            kind: 'rural',
            street: '太河镇',
            centre: [118.12, 36.51],
            serviceArea: { kind: 'radius', radiusM: 1500 },
            committeePhone: '0533-5160482',
          },
        },
      ],
    })
  })

  it('says a landline that lost its 0 in a number cell, and a radius out of bounds', () => {
    expect(readCommunitySheet(header, [row(['沁园社区', '城市社区', '公园街道', 118.04, 36.8, 50, 5332861735])]).problems).toEqual([
      { row: 2, column: 'F', header: '服务半径（米）', message: '服务半径至少 100 米' },
      { row: 2, column: 'G', header: '两委电话', message: expect.stringContaining('区号前的 0') },
    ])
  })

  it('skips empty rows and refuses a sheet of none', () => {
    expect(readCommunitySheet(header, [row([null, '', null])]).problems).toEqual([
      { row: 2, column: '', header: '', message: '表格里没有社区，请在列名下面一行起填写' },
    ])
  })
})

describe('the area of a service area', () => {
  it('is the circle’s, or the outline’s taken flat', () => {
    expect(areaKm2Of([118, 36], { kind: 'radius', radiusM: 1000 })).toBe(3.14)
    // About 1 km each way around the centre.
    const dLng = 1000 / (111_320 * Math.cos((36 * Math.PI) / 180))
    const dLat = 1000 / 111_320
    const square: [number, number][] = [
      [118, 36],
      [118 + dLng, 36],
      [118 + dLng, 36 + dLat],
      [118, 36 + dLat],
    ]
    expect(areaKm2Of([118, 36], { kind: 'outline', outline: square })).toBe(1)
  })
})
