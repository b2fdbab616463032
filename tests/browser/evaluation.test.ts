/**
 * 评估评议 in the H5 build (decision 051): 夕阳红's lead submits the period's work report with the
 * system's figures, a resident it served gives 评议 from its public page, the committee grades it on
 * the indicators side by side, and the grade shows on the public page.
 */
import { demoDataSet, demoIdentities as who } from '../../local/seed/demo-data'
import { inShanghai } from '../../shared/domain/time'
import { openPage, screenshot, shown, signInAs, tap, useBrowserSession } from '../support/browser'
import { callHostAs, serveANeed } from '../support/need-service'

const session = useBrowserSession()
const XIYANGHONG = 'org-qy-xiyanghong'
const urbanId = demoDataSet.communities.find((c) => c.kind === 'urban')!._id

describe('评估评议 in the browser', () => {
  it('the lead reports, a served resident gives 评议, the committee grades, and the grade is public', async () => {
    const url = session().host.url
    // 杨丽 was served by 夕阳红 and judged it solved; the committee opened the evaluation window today.
    await serveANeed(url, { requesterOpenid: who.resident, organisationId: XIYANGHONG, volunteerOpenid: who.volunteer, minutes: 30 })
    const { needs } = await callHostAs(url, who.resident, 'needs', 'mine', {})
    const done = needs.find((n: { status: string }) => n.status === 'done')
    await callHostAs(url, who.resident, 'needs', 'confirm', { needId: done.id, result: 'solved', rating: 5 })
    const now = await session().now()
    const today = inShanghai(now).format('YYYY-MM-DD')
    const year = inShanghai(now).year()
    await callHostAs(url, who.committeeUrban, 'evaluation', 'saveSettings', {
      communityId: urbanId,
      reportEvery: 'half',
      window: { from: today, to: today },
    })

    // The lead: the figures are filled in; the words are theirs.
    const lead = await signInAs(session(), who.organisationLead)
    await openPage(session(), lead.page, `pages/organisations/report/index?id=${XIYANGHONG}`)
    await shown(lead.page).getByText('完成求助').first().waitFor()
    await shown(lead.page).locator('#report-text textarea').fill('上门陪伴独居老人，组织读报会。')
    await tap(lead.page, '提交报告')
    await shown(lead.page).getByText('已提交，两委评定前还可以修改。').waitFor()
    await screenshot(lead.page, 'evaluation-report.png')
    expect(lead.errors).toEqual([])

    // The resident it served: from its public page.
    const resident = await signInAs(session(), who.resident)
    await openPage(session(), resident.page, `pages/organisations/profile/index?id=${XIYANGHONG}`)
    await tap(resident.page, '评议这个组织')
    await resident.page.waitForURL('**/pages/organisations/review/index**')
    await tap(resident.page, '满意')
    await shown(resident.page).locator('#review-text textarea').fill('志愿者很耐心。')
    await tap(resident.page, '提交评议')
    await shown(resident.page).getByText('谢谢您的评议').waitFor()
    expect(resident.errors).toEqual([])

    // The committee: the report and the 评议 side by side, then the grade.
    const committee = await signInAs(session(), who.committeeUrban)
    await openPage(session(), committee.page, `pages/committee/evaluation/index?id=${XIYANGHONG}`)
    await shown(committee.page).getByText('上门陪伴独居老人，组织读报会。').waitFor()
    await shown(committee.page).getByText('满意：志愿者很耐心。').waitFor()
    await tap(committee.page, '优秀')
    await shown(committee.page).locator('#grade-comment textarea').fill('响应及时，居民满意。')
    await tap(committee.page, '评定为优秀')
    await shown(committee.page).getByText(`${year} 年度评定：优秀`).waitFor()
    await screenshot(committee.page, 'evaluation-grade.png')
    expect(committee.errors).toEqual([])

    // Public: anyone signed in sees the grade and the year.
    await openPage(session(), resident.page, `pages/organisations/profile/index?id=${XIYANGHONG}`)
    await shown(resident.page).locator('#grades').getByText(`${year} 年度评定：优秀`).waitFor()
    await shown(resident.page).getByText('响应及时，居民满意。').first().waitFor()
  })
})
