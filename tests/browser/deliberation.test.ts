/**
 * 议事协商 in the H5 build (decision 050): the committee opens a topic from its workbench, a resident
 * speaks and votes on the topic's page, neighbours vote, the committee closes it with its decision and
 * minutes, and the resident sees the result with the counts per option.
 */
import { demoIdentities } from '../../local/seed/demo-data'
import { openPage, openWorkbench, screenshot, shown, signInAs, tap, useBrowserSession } from '../support/browser'
import { callHostAs } from '../support/need-service'

const session = useBrowserSession()

describe('议事协商 in the browser', () => {
  it('opens, discusses, votes on and closes a topic, and the resident sees the result', async () => {
    const committee = await openWorkbench(session(), demoIdentities.committeeUrban)
    await tap(committee.page, '议事协商')
    await committee.page.waitForURL('**/pages/topics/index/index**')
    await tap(committee.page, '发起议题')
    await committee.page.waitForURL('**/pages/topics/new/index**')
    const form = shown(committee.page)
    // Sent empty, the name is refused beside its field.
    await tap(committee.page, '发起议题')
    await form.locator('.field-invalid').filter({ hasText: '议题名称' }).getByText('不能为空').waitFor()
    await form.locator('#topic-title input').fill('小区东门开放时间')
    await form.locator('#topic-question textarea').fill('东门是否延长开放到晚上十点')
    await form.locator('#topic-background textarea').fill('不少居民晚上从东门回家，现在九点就关了。')
    await tap(committee.page, '今天')
    await tap(committee.page, '3天')
    await tap(committee.page, '发起议题')
    await committee.page.waitForURL('**/pages/topics/detail/index?id=*')
    const topicId = new URL(committee.page.url().replace('/#/', '/')).searchParams.get('id')!
    await shown(committee.page).getByText('投票中').waitFor()

    const resident = await signInAs(session(), demoIdentities.resident)
    await openPage(session(), resident.page, 'pages/me/index')
    await tap(resident.page, '议事协商')
    await tap(resident.page, '小区东门开放时间')
    await resident.page.waitForURL('**/pages/topics/detail/index?id=*')
    const topic = shown(resident.page)
    await topic.locator('#topic-comment textarea').fill('赞成延长，晚上下班回来方便。')
    await tap(resident.page, '发表意见')
    await topic.locator('#topic-comments').getByText('赞成延长，晚上下班回来方便。').waitFor()
    await tap(resident.page, '投这一票')
    await topic.getByText('请先选一项').waitFor()
    await tap(resident.page, '同意')
    await tap(resident.page, '投这一票')
    await topic.locator('#topic-voted').getByText('您已投票').waitFor()
    await screenshot(resident.page, 'topic-voted.png')

    await callHostAs(session().host.url, demoIdentities.elderResident, 'community', 'voteOnTopic', { topicId, choice: 1 })

    await openPage(session(), committee.page, `pages/topics/detail/index?id=${topicId}`)
    await tap(committee.page, '结束议题，写下决定和纪要')
    await committee.page.waitForURL('**/pages/topics/close/index?id=*')
    const closing = shown(committee.page)
    await closing.locator('#topic-decision textarea').fill('东门延长开放到晚上十点，下月起执行。')
    await closing.locator('#topic-minutes textarea').fill('12月3日议事会，居民代表 20 人参加，多数赞成。')
    await tap(committee.page, '结束议题，公布结果')
    await committee.page.waitForURL('**/pages/topics/detail/index?id=*')
    await shown(committee.page).locator('#topic-result').getByText('东门延长开放到晚上十点，下月起执行。').waitFor()

    await openPage(session(), resident.page, `pages/topics/detail/index?id=${topicId}`)
    const result = shown(resident.page).locator('#topic-result')
    await result.getByText('12月3日议事会，居民代表 20 人参加，多数赞成。').waitFor()
    await shown(resident.page).getByText('已决定').first().waitFor()
    // One vote each for 同意 and 反对, none for 弃权: counts only, no one's name.
    expect(await result.locator('.fact').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/同意\s*1 票/)]))
    await screenshot(resident.page, 'topic-decided.png')
    expect(committee.errors).toEqual([])
    expect(resident.errors).toEqual([])
  })
})
