/**
 * 需求调查 in the H5 build (decision 049): the committee builds a survey from its workbench (the ready-made
 * help-kind question and one of its own) and publishes it; two residents answer it from 我的; the committee
 * sees the answers as bars, as the API counts them.
 */
import { demoDataSet, demoIdentities as who } from '../../local/seed/demo-data'
import { openPage, openWorkbench, screenshot, shown, signInAs, tap, useBrowserSession } from '../support/browser'

const session = useBrowserSession()
const urban = demoDataSet.communities.find((c) => c.kind === 'urban')!

async function answerAs(openid: string, helpKind: string, often: string) {
  const { page, errors } = await signInAs(session(), openid)
  await openPage(session(), page, 'pages/me/index')
  await tap(page, '需求调查')
  await page.waitForURL('**/pages/surveys/answer/index')
  await tap(page, helpKind)
  await tap(page, often)
  await tap(page, '提交')
  await shown(page).getByText('谢谢您参加调查').waitFor()
  expect(errors).toEqual([])
  await page.close()
}

it('the committee builds and publishes a survey, two residents answer, the committee sees the results as bars', async () => {
  const { page, errors } = await openWorkbench(session(), who.committeeUrban)
  await shown(page).locator(`#surveys-${urban._id}`).click()
  await page.waitForURL('**/pages/committee/surveys/index**')
  await shown(page).getByText('还没有需求调查').waitFor()
  await tap(page, '新建需求调查')
  await page.waitForURL('**/pages/committee/survey-edit/index**')
  await shown(page).locator('#survey-title input').fill('冬季居民需求调查')
  await tap(page, '单选')
  await shown(page).locator('#question-1-title input').fill('您常去社区活动室吗')
  await shown(page).locator('#question-1-options textarea').fill('常去\n偶尔\n不去')
  await tap(page, '保存，去发布')
  await page.waitForURL('**/pages/committee/survey-results/index**')
  await shown(page).getByText('草稿').waitFor()
  await tap(page, '发布调查')
  await shown(page).getByText('进行中').waitFor()

  await answerAs(who.resident, '助餐', '偶尔')
  await answerAs(who.elderResident, '助餐', '常去')

  await page.reload()
  await shown(page).getByText('2 份').waitFor()
  const bars = async (question: number) =>
    Object.fromEntries(
      await shown(page)
        .locator(`#result-${question} .bar-row`)
        .evaluateAll((rows) =>
          rows.map((row) => [row.querySelector('.bar-label')!.textContent, row.querySelector('.bar-value')!.textContent]),
        ),
    ) as Record<string, string>
  expect(await bars(1)).toEqual({ 常去: '1 人', 偶尔: '1 人', 不去: '0 人' })
  expect((await bars(0))['助餐']).toBe('2 人')
  // The longest bar is the most chosen: full width for 助餐.
  const widths = await shown(page)
    .locator('#result-0 .bar')
    .evaluateAll((bars) => bars.map((bar) => (bar as HTMLElement).style.width))
  expect(widths.filter((w) => w === '100%')).toHaveLength(1)
  await screenshot(page, 'survey-results.png')
  expect(errors).toEqual([])
})
