import { fireEvent, waitFor } from '@testing-library/react'

/** Types into a Taro input or textarea, which renders its own element a moment after the page. */
export async function typeInto(container: HTMLElement, selector: string, value: string) {
  const element = await waitFor(() => {
    const found = container.querySelector(selector)
    expect(found).toBeTruthy()
    return found!
  })
  fireEvent.input(element, { target: { value } })
}
