/** The xlsx side of 从表格导入社区 (decision 034): the template, and a sheet read into rows of cell values. */
import ExcelJS from 'exceljs'
import { namesAColumn, sheetColumns, SHEET_NOTES, type SheetCell, type SheetRow } from '../../shared/domain/community-sheet'

/** The template: the columns on the first sheet, ready to fill; how to fill them, with an example row, on the second. */
export async function communityTemplate(now: Date): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  book.created = now
  const communities = book.addWorksheet('社区')
  communities.addRow(sheetColumns.map((c) => c.header)).font = { bold: true }
  communities.columns.forEach((column) => (column.width = 18))
  // Phones typed as numbers lose a landline's leading 0: the phone column is text.
  communities.getColumn(sheetColumns.findIndex((c) => c.key === 'committeePhone') + 1).numFmt = '@'
  const notes = book.addWorksheet('填写说明')
  for (const line of SHEET_NOTES) notes.addRow([line])
  notes.addRow([])
  notes.addRow(['例如：'])
  notes.addRow(sheetColumns.map((c) => c.header)).font = { bold: true }
  notes.addRow(sheetColumns.map((c) => c.example))
  notes.columns.forEach((column) => (column.width = 18))
  return Buffer.from(await book.xlsx.writeBuffer())
}

/** What a cell shows, whatever Excel stored: a formula's result, a link's text, rich text's characters. */
function cellValue(value: ExcelJS.CellValue): SheetCell {
  if (value === null || value === undefined) return null
  if (typeof value === 'number' || typeof value === 'string') return value
  if (typeof value === 'boolean') return String(value)
  if (value instanceof Date) return value.toISOString()
  if ('richText' in value) return value.richText.map((part) => part.text).join('')
  if ('result' in value) return cellValue(value.result as ExcelJS.CellValue)
  if ('text' in value) return String(value.text)
  return null
}

/** The first sheet's header row and the rows under it; null when the content is no xlsx. */
export async function readSheet(content: Buffer): Promise<{ header: SheetRow; rows: SheetRow[] } | null> {
  const book = new ExcelJS.Workbook()
  try {
    await book.xlsx.load(content as unknown as ArrayBuffer)
  } catch {
    return null
  }
  const sheet = book.worksheets[0]
  if (!sheet) return null
  const rows: SheetRow[] = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: SheetCell[] = []
    row.eachCell({ includeEmpty: true }, (cell, column) => (cells[column - 1] = cellValue(cell.value)))
    rows.push({ row: rowNumber, cells: Array.from(cells, (cell) => cell ?? null) })
  })
  // The first row naming one of the template's columns: an office's own sheet may have a title above.
  const headerAt = Math.max(
    0,
    rows.findIndex((row) => row.cells.some(namesAColumn)),
  )
  const header = rows[headerAt] ?? { row: 1, cells: [] }
  return { header, rows: rows.slice(headerAt + 1) }
}
