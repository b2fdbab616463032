/**
 * 我要求助 as it runs on H5, against a real local host on a fresh copy of the demo data: choosing
 * 危及生命安全 puts the emergency numbers and the committee's phone first at once, they dial, and
 * after raising the answer's emergency block shows them again. Choosing 防骗维权 puts 110 and 96110 first the same way.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { makePhoneCall } from '@tarojs/taro'
import { configureTransport } from '../../client/src/api/transport.h5'
import { AppProviders } from '../../client/src/app-providers'
import RaisePage from '../../client/src/pages/needs/raise'
import { demoDataSet, demoIdentities } from '../../local/seed/demo-data'
import { startTestHost, type TestHost } from './support/local-host'
import { typeInto } from './support/typing'

// Taro's H5 build turns `Taro.makePhoneCall` into this named import; the browser would leave for tel:.
// Still an ES module, so that `Taro` itself stays the real one, with the page hooks the runtime put on it.
jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  ...jest.requireActual('@tarojs/taro'),
  makePhoneCall: jest.fn(() => Promise.resolve()),
}))

let host: TestHost

beforeAll(async () => {
  host = await startTestHost()
  configureTransport({ baseUrl: host.url, headers: { 'X-Demo-Openid': demoIdentities.elderResident } })
})

afterAll(async () => {
  await host?.close()
})

const elder = demoDataSet.people.find((p) => p.openid === demoIdentities.elderResident)!
const community = demoDataSet.communities.find((c) => c._id === elder.communityId)!

/** 我要求助 for the elder, at its first step. */
async function openRaisePage(): Promise<HTMLElement> {
  const { container } = render(
    <AppProviders>
      <RaisePage />
    </AppProviders>,
  )
  await screen.findByText('有多急')
  return container
}

/** From the first step, with `description` typed, to the last: the place is her home, without asking the browser. */
async function toLastStep(container: HTMLElement, description: string) {
  await typeInto(container, '#need-description textarea', description)
  fireEvent.click(screen.getByText('下一步'))
  await screen.findByText('地点：您家')
  fireEvent.click(screen.getByText('下一步'))
  await screen.findByText('为谁求助')
}

/** The numbers' panel that choosing `choice` brings up at once: before anything else on the page, the steps included. */
function panelOnChoosing(container: HTMLElement, choice: string): HTMLElement {
  fireEvent.click(screen.getByText(choice))
  const panel = container.querySelector('#emergency-panel') as HTMLElement
  expect(panel).toBeTruthy()
  expect(panel.compareDocumentPosition(screen.getByText('什么事')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
  return panel
}

test('危及生命安全 shows 110 / 120 / 119 and the committee’s phone first, at once, and again after raising', async () => {
  const dial = jest.mocked(makePhoneCall)
  const container = await openRaisePage()
  expect(container.querySelector('#emergency-panel')).toBeNull()

  const panel = panelOnChoosing(container, '危及生命安全')
  expect(within(panel).getByText('邻里守望不能代替报警和急救', { exact: false })).toBeTruthy()
  fireEvent.click(within(panel).getByText('急救 120'))
  expect(dial).toHaveBeenCalledWith({ phoneNumber: '120' })
  // The committee's phone too, from 我的, before anything is sent.
  fireEvent.click(within(panel).getByText(`社区两委 ${community.committeePhone}`))
  expect(dial).toHaveBeenLastCalledWith({ phoneNumber: community.committeePhone })

  fireEvent.click(screen.getByText('紧急救助'))
  await toLastStep(container, '楼下邻居家冒烟了，敲门没人应。')
  fireEvent.click(screen.getByText('为邻居求助'))
  await typeInto(container, '#need-neighbour input', '刘大爷')
  fireEvent.click(screen.getByText('发出求助'))

  await screen.findByText('求助已发出')
  const after = container.querySelector('#emergency-panel') as HTMLElement
  expect(within(after).getAllByText(/^(报警 110|急救 120|火警 119)$/)).toHaveLength(3)
  dial.mockClear()
  fireEvent.click(within(after).getByText(`社区两委 ${community.committeePhone}`))
  expect(dial).toHaveBeenLastCalledWith({ phoneNumber: community.committeePhone })
})

test('防骗维权 shows 110 and 96110 at once, whatever the urgency, and again after raising', async () => {
  const dial = jest.mocked(makePhoneCall)
  const container = await openRaisePage()
  fireEvent.click(screen.getByText('一般（几天内）'))
  expect(container.querySelector('#emergency-panel')).toBeNull()

  const panel = panelOnChoosing(container, '防骗维权')
  expect(within(panel).getByText('不转账、不说验证码', { exact: false })).toBeTruthy()
  expect(within(panel).getAllByText(/^(报警 110|反诈专线 96110)$/)).toHaveLength(2)
  expect(within(panel).queryByText('急救 120')).toBeNull()
  fireEvent.click(within(panel).getByText('反诈专线 96110'))
  expect(dial).toHaveBeenLastCalledWith({ phoneNumber: '96110' })

  await toLastStep(container, '有人打电话说我孙子出事了，让我马上转钱。')
  fireEvent.click(screen.getByText('发出求助'))

  await screen.findByText('求助已发出')
  const after = container.querySelector('#emergency-panel') as HTMLElement
  expect(within(after).getAllByText(/^(报警 110|反诈专线 96110)$/)).toHaveLength(2)
})

test('when the need cannot be sent, the page offers the committee’s phone beside the failure', async () => {
  const dial = jest.mocked(makePhoneCall)
  const container = await openRaisePage()
  fireEvent.click(screen.getByText('一般（几天内）'))
  fireEvent.click(screen.getByText('助餐'))
  await toLastStep(container, '这几天腿疼，下不了楼买菜。')
  // The signal drops as she sends: nothing answers at this address.
  configureTransport({ baseUrl: 'http://127.0.0.1:9', headers: { 'X-Demo-Openid': demoIdentities.elderResident } })
  try {
    fireEvent.click(screen.getByText('发出求助'))
    const failure = await waitFor(() => {
      const found = container.querySelector('#step-failure') as HTMLElement
      expect(found).toBeTruthy()
      return found
    })
    expect(within(failure).getByText('求助没有发出去', { exact: false })).toBeTruthy()
    dial.mockClear()
    fireEvent.click(within(failure).getByText(`打给社区两委 ${community.committeePhone}`))
    expect(dial).toHaveBeenLastCalledWith({ phoneNumber: community.committeePhone })
  } finally {
    configureTransport({ baseUrl: host.url, headers: { 'X-Demo-Openid': demoIdentities.elderResident } })
  }
  // Sent once the signal is back: nothing was raised before.
  fireEvent.click(screen.getByText('发出求助'))
  await screen.findByText('求助已发出')
})
