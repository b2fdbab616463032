/**
 * 从表格导入社区 (decision 034): the columns of the template, the names an office's own sheet may
 * give them, and every row checked before anything is added. Pure: the server reads the xlsx into
 * rows of cell values and writes what this accepts.
 */
import type { z } from 'zod'
import { defaultRadiusM, newCommunityFields, radiusSchema, type CommunityKind, type NewCommunity } from './community'
import { phoneSchema } from './fields'

export type SheetCell = string | number | null

export interface SheetRow {
  /** As Excel numbers it, the header being row 1 (or wherever it was found). */
  row: number
  cells: SheetCell[]
}

export interface SheetProblem {
  row: number
  /** Excel's column letter, empty for a problem of the whole sheet (a missing column). */
  column: string
  /** The column's name as the template gives it. */
  header: string
  message: string
}

export interface SheetCommunity {
  row: number
  community: NewCommunity
}

type ColumnKey = 'name' | 'kind' | 'street' | 'longitude' | 'latitude' | 'radiusM' | 'committeePhone'

/** The template's columns in order, each with the other names an office's sheet may use for it. */
export const sheetColumns: { key: ColumnKey; header: string; aliases: string[]; optional?: boolean; example: string | number }[] = [
  { key: 'name', header: '社区名称', aliases: ['社区', '名称', '社区（村）名称', '村（社区）名称', '村名'], example: '沁园社区' },
  { key: 'kind', header: '类型', aliases: ['社区类型', '城市或农村'], example: '城市社区' },
  {
    key: 'street',
    header: '街道（镇）',
    aliases: ['街道', '镇', '乡镇', '街道（乡镇）', '所属街道', '所属街道（镇）'],
    example: '公园街道',
  },
  { key: 'longitude', header: '中心经度', aliases: ['经度'], example: 118.0478 },
  { key: 'latitude', header: '中心纬度', aliases: ['纬度'], example: 36.8098 },
  { key: 'radiusM', header: '服务半径（米）', aliases: ['服务半径', '半径', '半径（米）'], optional: true, example: 600 },
  { key: 'committeePhone', header: '两委电话', aliases: ['社区电话', '联系电话', '电话', '办公电话'], example: '0533-2861735' },
]

/** What the template says under its header row, for whoever fills it in. */
export const SHEET_NOTES = [
  '每行一个社区；第一行是列名，不要改。列的顺序可以不同，多出来的列不读。',
  '类型填“城市社区”或“农村”。',
  '中心经度、纬度用腾讯地图坐标拾取器（lbs.qq.com/getPoint）在社区办公地点点一下得到（GCJ-02）。',
  '服务半径（米）可以不填：城市社区按 600 米，农村按 1500 米。',
  '同一街道已有同名社区的，再次导入不会重复添加。',
]

/** Most an office oversees; a sheet far longer is likely the wrong one. */
export const MAX_SHEET_ROWS = 300

const normalise = (text: string) => text.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）')

/** Whether a header cell names one of the template's columns, as `readCommunitySheet` matches them. */
export const namesAColumn = (cell: SheetCell) =>
  typeof cell === 'string' && sheetColumns.some((c) => [c.header, ...c.aliases].map(normalise).includes(normalise(cell)))

const kindWords: Record<string, CommunityKind> = {
  城市社区: 'urban',
  城市: 'urban',
  社区: 'urban',
  城镇社区: 'urban',
  农村: 'rural',
  农村社区: 'rural',
  村: 'rural',
  行政村: 'rural',
}

/** A, B, … Z, AA, AB, … for a 0-based column index. */
export function columnLetter(index: number): string {
  let letter = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letter = String.fromCharCode(65 + ((n - 1) % 26)) + letter
  return letter
}

const textOf = (cell: SheetCell) => (cell === null ? '' : String(cell).trim())

/** The first problem zod finds in `value`, in its Chinese words. */
function zodProblem<T>(schema: z.ZodType<T>, value: unknown): { value: T } | { message: string } {
  const parsed = schema.safeParse(value)
  return parsed.success ? { value: parsed.data } : { message: parsed.error.issues[0].message }
}

/** Where each column is in the header row, or the problems of the columns not there. */
function locateColumns(header: SheetCell[], headerRow: number): { at: Map<ColumnKey, number> } | { problems: SheetProblem[] } {
  const names = header.map((cell) => normalise(textOf(cell)))
  const at = new Map<ColumnKey, number>()
  const problems: SheetProblem[] = []
  for (const column of sheetColumns) {
    const index = names.findIndex((name) => [column.header, ...column.aliases].map(normalise).includes(name))
    if (index >= 0) at.set(column.key, index)
    else if (!column.optional) {
      problems.push({
        row: headerRow,
        column: '',
        header: column.header,
        message: `第 ${headerRow} 行的列名里找不到“${column.header}”这一列`,
      })
    }
  }
  return problems.length > 0 ? { problems } : { at }
}

/**
 * Every row checked: the communities to add, or every problem found (row, column, what is wrong).
 * Rows left empty are skipped; the same name twice in one street is a problem on the second.
 */
export function readCommunitySheet(
  header: SheetRow,
  rows: readonly SheetRow[],
): { communities: SheetCommunity[]; problems?: undefined } | { problems: SheetProblem[]; communities?: undefined } {
  const located = locateColumns(header.cells, header.row)
  if ('problems' in located) return { problems: located.problems }
  const filled = rows.filter((r) => r.cells.some((cell) => textOf(cell) !== ''))
  if (filled.length === 0)
    return { problems: [{ row: header.row + 1, column: '', header: '', message: '表格里没有社区，请在列名下面一行起填写' }] }
  if (filled.length > MAX_SHEET_ROWS) {
    return { problems: [{ row: header.row, column: '', header: '', message: `一次最多导入 ${MAX_SHEET_ROWS} 个社区，请分成几个表格` }] }
  }

  const problems: SheetProblem[] = []
  const communities: SheetCommunity[] = []
  const seen = new Map<string, number>()
  for (const { row, cells } of filled) {
    const rowProblems: SheetProblem[] = []
    const cellOf = (key: ColumnKey) => {
      const index = located.at.get(key)
      return index === undefined ? null : (cells[index] ?? null)
    }
    const check = <T>(key: ColumnKey, read: (cell: SheetCell) => { value: T } | { message: string }): T | undefined => {
      const checked = read(cellOf(key))
      if ('value' in checked) return checked.value
      const column = sheetColumns.find((c) => c.key === key)!
      rowProblems.push({ row, column: columnLetter(located.at.get(key)!), header: column.header, message: checked.message })
      return undefined
    }
    const name = check('name', (cell) => zodProblem(newCommunityFields.name, textOf(cell)))
    const kind = check('kind', (cell) => {
      const found = kindWords[normalise(textOf(cell))]
      return found ? { value: found } : { message: '请填“城市社区”或“农村”' }
    })
    const street = check('street', (cell) => zodProblem(newCommunityFields.street, textOf(cell)))
    const longitude = check('longitude', (cell) => coordinate(cell, 73, 136, '经度'))
    const latitude = check('latitude', (cell) => coordinate(cell, 3, 54, '纬度'))
    const radiusM = check('radiusM', (cell) =>
      textOf(cell) === '' ? { value: undefined } : zodProblem(radiusSchema, Number(textOf(cell))),
    )
    const committeePhone = check('committeePhone', (cell) => phone(cell))
    if (name !== undefined && street !== undefined) {
      const key = `${street}\u0000${name}`
      const earlier = seen.get(key)
      if (earlier !== undefined) {
        rowProblems.push({
          row,
          column: columnLetter(located.at.get('name')!),
          header: '社区名称',
          message: `和第 ${earlier} 行重复：同一街道里的社区名称不能相同`,
        })
      } else seen.set(key, row)
    }
    if (rowProblems.length > 0 || !name || !kind || !street || longitude === undefined || latitude === undefined || !committeePhone) {
      problems.push(...rowProblems)
      continue
    }
    communities.push({
      row,
      community: {
        name,
        kind,
        street,
        centre: [longitude, latitude],
        serviceArea: { kind: 'radius', radiusM: radiusM ?? defaultRadiusM[kind] },
        committeePhone,
      },
    })
  }
  return problems.length > 0 ? { problems } : { communities }
}

/** Within China's extent: a swapped longitude and latitude, or a number from another column, is caught here. */
function coordinate(cell: SheetCell, min: number, max: number, what: string): { value: number } | { message: string } {
  const text = textOf(cell)
  if (text === '') return { message: `请填写${what}` }
  const value = Number(text)
  if (!Number.isFinite(value)) return { message: `${what}应是数字，如 ${what === '经度' ? '118.0478' : '36.8098'}` }
  if (value < min || value > max) return { message: `${what}应在 ${min} 到 ${max} 之间，是不是把经度和纬度填反了？` }
  return { value }
}

/** A number cell loses a landline's leading 0: said so, since Excel hides it. */
function phone(cell: SheetCell): { value: string } | { message: string } {
  const text = textOf(cell).replace(/[\s（）()]/g, '')
  if (text === '') return { message: '请填写两委电话' }
  const checked = zodProblem(phoneSchema, text)
  if ('value' in checked) return checked
  return typeof cell === 'number' ? { message: '电话号码格式不正确；座机请把单元格设成“文本”，免得区号前的 0 丢了' } : checked
}
