/**
 * 认领账号 as it runs on H5, against a real local host: a refused field says why beside it, and the
 * message goes as soon as the person changes what was sent, before they send again.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { configureTransport } from '../../client/src/api/transport.h5'
import { AppProviders } from '../../client/src/app-providers'
import TakeoverPage from '../../client/src/pages/residents/takeover'
import { startTestHost, type TestHost } from './support/local-host'
import { typeInto } from './support/typing'

let host: TestHost

beforeAll(async () => {
  host = await startTestHost()
  // Someone new to the app, whom the committee may have registered before.
  configureTransport({ baseUrl: host.url, headers: { 'X-Demo-Openid': 'o-client-takeover' } })
})

afterAll(async () => {
  await host?.close()
})

test('a refused phone number is said beside it, and the message goes once the number is changed', async () => {
  const { container } = render(
    <AppProviders>
      <TakeoverPage />
    </AppProviders>,
  )
  await screen.findByText('申请认领')
  await typeInto(container, '#takeover-name input', '李秀兰')
  await typeInto(container, '#takeover-phone input', '12345')
  fireEvent.click(screen.getByText('申请认领'))
  const invalid = await waitFor(() => {
    const found = container.querySelector('.field-invalid')
    expect(found).toBeTruthy()
    return found!
  })
  expect(invalid.textContent).toContain('手机号')

  // Changing another field leaves it; changing the number itself takes it away.
  await typeInto(container, '#takeover-name input', '李秀英')
  expect(container.querySelector('.field-invalid')?.textContent).toContain('手机号')
  await typeInto(container, '#takeover-phone input', '139')
  await waitFor(() => expect(container.querySelector('.field-invalid')).toBeNull())
})
