/**
 * Issue 15's district in the H5 build (decision 034): civil affairs downloads the import template,
 * fills it in, is told which row is wrong, imports it, and invites the first committee member of a
 * new community; that person opens the invitation as someone new to the app, accepts, and sees the
 * community's empty workbench.
 */
import ExcelJS from 'exceljs'
import type { Page } from 'playwright-core'
import { demoIdentities as who } from '../../local/seed/demo-data'
import { invitationPath } from '../../shared/domain/invitation'
import { openPage, openWorkbench, screenshot, shown, tap, useBrowserSession } from '../support/browser'

const session = useBrowserSession()

/** The template as the page downloads it, with these rows written under its header. */
async function filledTemplate(page: Page, rows: (string | number)[][]): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), tap(page, '下载模板')])
  expect(download.suggestedFilename()).toBe('社区导入模板.xlsx')
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile((await download.path())!)
  for (const row of rows) book.worksheets[0].addRow(row)
  return Buffer.from(await book.xlsx.writeBuffer())
}

/** Picks the sheet in the file chooser that 选择表格并导入 opens. */
async function importSheet(page: Page, sheet: Buffer) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), tap(page, '选择表格并导入')])
  await chooser.setFiles({
    name: '张店区社区名单.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: sheet,
  })
}

describe('a district stood up in the browser', () => {
  it('civil affairs imports communities from an xlsx and invites a first committee member, who accepts and sees the empty workbench', async () => {
    const { page, errors } = await openWorkbench(session(), who.civilAffairs)
    await tap(page, '从表格导入')
    await page.waitForURL('**/pages/committee/import-communities/index?officeId=*')

    const good = ['杏园社区', '城市社区', '杏园街道', 118.0612, 36.8135, 600, '0533-2165001']
    const village = ['东营村', '农村', '中埠镇', 118.1583, 36.7821, '', '0533-2165002']
    // A wrong type first: nothing is added, and the row and column are said.
    await importSheet(page, await filledTemplate(page, [good, ['东营村', '乡村', '中埠镇', 118.1583, 36.7821, '', '0533-2165002']]))
    await shown(page).locator('#import-problems').getByText('第 3 行 B 列“类型”：请填“城市社区”或“农村”').waitFor()
    await shown(page).getByText('表格有问题，一个社区也没有添加').waitFor()
    await screenshot(page, 'district-import-refused.png')

    await importSheet(page, await filledTemplate(page, [good, village]))
    const done = shown(page).locator('#import-done')
    await done.getByText('已添加 2 个社区').waitFor()
    await done.getByText('第 3 行 · 中埠镇 · 新添加').waitFor()
    await screenshot(page, 'district-imported.png')

    await done.locator('taro-button-core').filter({ hasText: '杏园社区' }).click()
    await page.waitForURL('**/pages/committee/invite-committee/index?communityId=*')
    await tap(page, '生成邀请')
    const code = (await shown(page).locator('#invitation-code').innerText()).trim()
    expect(code).toMatch(/^[2-9A-Z]{8}$/)
    await shown(page).locator('#committee-invitation .invite-qr').waitFor()
    await shown(page)
      .getByText(`链接：${invitationPath(code)}`)
      .waitFor()
    await screenshot(page, 'district-invitation.png')
    expect(errors).toEqual([])

    // The member opens the link as someone new to the mini-program.
    const member = await session().newPage()
    await member.page.goto(session().host.url)
    await member.page.waitForURL('**/local/sign-in', { timeout: 30_000 })
    await member.page.click('#fresh-identity')
    await member.page.waitForURL((url) => !url.pathname.startsWith('/local/'))
    await openPage(session(), member.page, invitationPath(code))
    await shown(member.page).locator('#invitation-details').getByText('杏园社区 · 社区两委').waitFor()
    await shown(member.page).locator('#invitation-name input').fill('韩立群')
    await shown(member.page).locator('#invitation-phone input').fill('13953321650')
    await tap(member.page, '同意隐私说明，接受邀请')
    await shown(member.page).getByText('你已是杏园社区的社区两委').waitFor()
    await tap(member.page, '打开社区工作台')
    await member.page.waitForURL('**/pages/committee/workbench/index')
    const waiting = shown(member.page).locator('.card[id^="waiting-"]')
    await waiting.getByText('待办 · 杏园社区').waitFor()
    await waiting.getByText('没有等你处理的事项').waitFor()
    await shown(member.page).getByText('社区社会组织 0 个，目标 10 个').waitFor()
    expect(await shown(member.page).locator('.coverage-figure').count()).toBe(1)
    await screenshot(member.page, 'district-first-committee-workbench.png')
    expect(member.errors).toEqual([])
  }, 120_000)
})
