import { demoIdentities as who, demoPerson } from '../../local/seed/demo-data'
import { callFunction, openPage, screenshot, shown, signInAs as signInAsDemo, tap, useBrowserSession } from '../support/browser'

const session = useBrowserSession()
const signInAs = (openid: string) => signInAsDemo(session(), openid)

describe('我的信息 in the browser', () => {
  it('shows an elderly resident everything stored about her, her care registration included, in 长辈模式', async () => {
    const wang = demoPerson(who.elderResident)
    const { page, errors } = await signInAs(wang.openid)
    await openPage(session(), page, 'pages/me/index')
    await tap(page, '我的信息')
    await page.waitForURL('**/pages/me/more/data/index')
    // Her own record and her care registration both hold her phone.
    await shown(page).getByText(wang.phone!, { exact: true }).first().waitFor()
    for (const title of ['谁看过我的联系方式', '我发起的求助', '我的时间银行', '社区关爱登记']) {
      await shown(page).getByText(title, { exact: true }).waitFor()
    }
    expect(await shown(page).getByText('在册，定期探访').count()).toBe(1)
    const fontSize = await shown(page)
      .locator('.fact-value')
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    expect(fontSize).toBeGreaterThanOrEqual(18)
    await screenshot(page, 'my-data-elder.png')
    expect(errors).toEqual([])
  })

  it('修改: a wrong phone is refused beside its field and nothing is saved; a right one is saved', async () => {
    const yang = demoPerson(who.resident)
    const { page, errors } = await signInAs(yang.openid)
    await openPage(session(), page, 'pages/me/more/edit/index')
    const phone = shown(page).locator('#phone input')
    await phone.waitFor()
    await phone.fill('12345')
    await tap(page, '保存')
    await shown(page).getByText('电话号码格式不正确').waitFor()
    const stored = async () => (await callFunction(page, 'account', 'myData', {})).data.person.phone
    expect(await stored()).toBe(yang.phone)

    await phone.fill('13800000002')
    await tap(page, '保存')
    await page.waitForFunction(async () => {
      const response = await fetch('/api/account', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'myData', data: {} }),
      })
      return (await response.json()).data.person.phone === '13800000002'
    })
    expect(errors).toEqual([])
  })

  it('撤回同意 says what withdrawing does before it is confirmed, then the home position is gone', async () => {
    const zhao = demoPerson('demo-zhao-shuzhen')
    const { page, errors } = await signInAs(zhao.openid)
    await openPage(session(), page, 'pages/me/more/consents/index')
    const card = shown(page).locator('.card', { hasText: '保存我家的位置' })
    await card.getByText(/撤回后：删除保存的家庭位置/).waitFor()
    await card.getByText('撤回同意', { exact: true }).click()
    await card.getByText(/确定撤回“保存我家的位置”吗？删除保存的家庭位置/).waitFor()
    await card.getByText('确定撤回同意', { exact: true }).click()
    await shown(page).locator('.card', { hasText: '保存我家的位置' }).waitFor({ state: 'detached' })
    expect((await callFunction(page, 'account', 'myData', {})).data.person.hasLocation).toBe(false)
    expect(errors).toEqual([])
  })

  it('注销: what is erased and what is kept is shown first; once confirmed, the person is a new user', async () => {
    const song = demoPerson('demo-song-guiying')
    const { page, errors } = await signInAs(song.openid)
    await openPage(session(), page, 'pages/me/more/close/index')
    await shown(page).getByText('注销后会删除', { exact: true }).waitFor()
    await shown(page).getByText('注销后会保留（不含你的姓名、电话和住址）', { exact: true }).waitFor()
    await shown(page)
      .getByText(/时间银行的每一笔记录/)
      .waitFor()
    await screenshot(page, 'my-data-close.png')
    await tap(page, '注销账号')
    await shown(page).getByText('注销后不能恢复，以上信息会被删除。确定注销吗？').waitFor()
    await tap(page, '确定注销账号')
    await page.getByText('账号已注销').waitFor()
    expect((await callFunction(page, 'account', 'me', {})).data.person).toBeNull()
    expect(errors).toEqual([])
  })
})
