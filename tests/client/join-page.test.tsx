/**
 * 凭邀请码加入 as it runs on H5, against a real local host on a fresh copy of the demo data:
 * the code from the mini-program code's `scene`, a wrong code refused beside the field, asking to join.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { configureTransport } from '../../client/src/api/transport.h5'
import { AppProviders } from '../../client/src/app-providers'
import JoinPage from '../../client/src/pages/organisations/join'
import { demoDataSet, demoIdentities } from '../../local/seed/demo-data'
import { startTestHost, type TestHost } from './support/local-host'

let host: TestHost

beforeAll(async () => {
  host = await startTestHost()
  configureTransport({ baseUrl: host.url, headers: { 'X-Demo-Openid': demoIdentities.resident } })
})

afterAll(async () => {
  await host?.close()
})

beforeEach(() => localStorage.clear())

const xiyanghong = demoDataSet.organisations.find((o) => o._id === 'org-qy-xiyanghong')!

/** As WeChat opens the page from the organisation's mini-program code. */
function openFromCode(scene: string) {
  Taro.getCurrentInstance().router = { params: { scene: encodeURIComponent(scene) }, path: '' } as never
  const view = render(
    <AppProviders>
      <JoinPage />
    </AppProviders>,
  )
  const input = () => view.container.querySelector('#invite-code-input') as HTMLInputElement
  const type = (value: string) => fireEvent.input(input().querySelector('input')!, { target: { value } })
  return { ...view, input, type }
}

test('a wrong code is refused next to the field; the right one asks the lead', async () => {
  const { input, type } = openFromCode(`code=${xiyanghong.inviteCode}`)
  expect(input().value).toBe(xiyanghong.inviteCode)
  // Taro's input renders its own <input> a moment later; typing needs it.
  await waitFor(() => expect(input().querySelector('input')).toBeTruthy())

  type('abc')
  fireEvent.click(screen.getByText('申请加入'))
  expect(await screen.findByText('邀请码是 6 位字母或数字')).toBeTruthy()

  type('zzzzzz')
  expect(input().value).toBe('ZZZZZZ')
  fireEvent.click(screen.getByText('申请加入'))
  const refusal = await screen.findByText('邀请码无效或已失效')
  expect(refusal.className).toContain('field-error')

  type(xiyanghong.inviteCode.toLowerCase())
  fireEvent.click(screen.getByText('申请加入'))
  expect(await screen.findByText('已提交申请，等负责人同意')).toBeTruthy()
  expect(screen.getByText(xiyanghong.name)).toBeTruthy()
})
