/**
 * 志愿者资料 in the H5 build: a volunteer fills in what they are good at from 我的, is told beside the
 * field when a tag is refused, and pauses; the lead assigning a need sees who fits first, with why,
 * and not the one who paused.
 */
import { demoIdentities, demoPerson } from '../../local/seed/demo-data'
import { screenshot, shown, signInAs, tap, openPage, useBrowserSession } from '../support/browser'
import { callHostAs } from '../support/need-service'

const session = useBrowserSession()
const xiyanghong = 'org-qy-xiyanghong'
const as = (openid: string, functionName: string, action: string, data: object) =>
  callHostAs(session().host.url, openid, functionName, action, data)

describe('志愿者资料 in the browser', () => {
  it('lets a volunteer say what they are good at, with errors beside the field, and pause', async () => {
    const { page, errors } = await signInAs(session(), 'demo-cao-lihua')
    await openPage(session(), page, 'pages/me/index')
    await tap(page, '我的志愿者资料')
    await page.waitForURL('**/pages/organisations/volunteer/index')
    await shown(page)
      .getByText(/^再服务 .+ 可成为 一星志愿者$/)
      .waitFor()

    await tap(page, '助餐')
    await tap(page, '周末上午')
    await tap(page, '3 公里以内')
    await shown(page).locator('#volunteer-tags input').fill('做饭 赌博')
    await tap(page, '保存')
    await shown(page)
      .locator('.field-invalid')
      .filter({ hasText: '其他特长' })
      .getByText('内容含有不适宜发布的信息，请修改后再提交')
      .waitFor()
    await shown(page).locator('#volunteer-tags input').fill('做饭 手语')
    await tap(page, '保存')
    await shown(page).getByText('已保存').waitFor()

    await tap(page, '暂停接单（休假、生病时）')
    await shown(page).locator('#pause-reason input').fill('住院')
    await tap(page, '保存')
    await shown(page).getByText('现在：暂停接单（住院），负责人安排任务时看不到我').waitFor()
    await screenshot(page, 'volunteer-profile.png')
    expect(await as('demo-cao-lihua', 'organisations', 'myProfile', {})).toMatchObject({
      profile: { skills: ['助餐'], tags: ['做饭', '手语'], availability: ['weekend-morning'], rangeM: 3000, paused: { reason: '住院' } },
    })
    expect(errors).toEqual([])
  })

  it('shows the lead assigning a need who fits first, why, and not who paused', async () => {
    const everySlot = ['weekday-morning', 'weekday-afternoon', 'weekday-evening', 'weekend-morning', 'weekend-afternoon', 'weekend-evening']
    await as('demo-gao-peng', 'organisations', 'saveProfile', {
      skills: ['亲情陪伴'],
      tags: [],
      availability: everySlot,
      rangeM: 5000,
      paused: null,
    })
    await as('demo-xu-min', 'organisations', 'saveProfile', {
      skills: [],
      tags: [],
      availability: [],
      rangeM: 500,
      paused: { reason: '出差' },
    })
    // Whatever the test before did with her profile, she takes work.
    await as('demo-cao-lihua', 'organisations', 'saveProfile', { skills: [], tags: [], availability: [], rangeM: 500, paused: null })
    const { need } = await as(demoPerson(demoIdentities.resident).openid, 'needs', 'raise', {
      helpKind: '亲情陪伴',
      urgency: 'normal',
      description: '想有人来陪我说说话。',
      neighbourhood: '柳泉花园',
      addressDetail: '12号楼1单元1502',
      contactPhone: '18653312469',
    })
    await as(demoIdentities.committeeUrban, 'needs', 'assign', { needId: need.id, organisationId: xiyanghong })

    const { page, errors } = await signInAs(session(), demoIdentities.organisationLead)
    await openPage(session(), page, `pages/needs/task/index?id=${need.id}&organisationId=${xiyanghong}`)
    const choices = shown(page).locator('.choices-wide').first().locator('.choice')
    await choices.first().waitFor()
    await choices.first().getByText('高鹏', { exact: true }).waitFor()
    expect(await choices.first().locator('.choice-detail').textContent()).toMatch(/^擅长亲情陪伴 · .+有空 · /)
    expect(await choices.allTextContents()).not.toContainEqual(expect.stringContaining('徐敏'))
    await shown(page).getByText('另有 1 位暂停接单，不在这里').waitFor()
    await screenshot(page, 'volunteer-candidates.png')
    expect(errors).toEqual([])
  })
})
