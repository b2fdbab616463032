/**
 * On H5 Taro's `Button` is a <taro-button-core> custom element, and its navigation bar's back and home
 * are plain <div>s: none of them focusable, announced as a button, or answering Enter and Space, as a
 * native <button> would. Each gets the role and tab stop as it comes into the document, and one
 * listener turns Enter and Space into the click they already answer (decision 039). WeChat's own
 * buttons need none of this.
 */
const buttons = 'taro-button-core, .taro-navigation-bar-back, .taro-navigation-bar-home'
// The navigation bar's buttons are icons only: their names, read out instead.
const iconNames: Record<string, string> = { 'taro-navigation-bar-back': '返回', 'taro-navigation-bar-home': '回到首页' }

/** Taro reflects the prop as an attribute, `disabled="false"` included. */
const isDisabled = (element: Element) => element.hasAttribute('disabled') && element.getAttribute('disabled') !== 'false'

function makeButton(element: Element) {
  element.setAttribute('role', 'button')
  const disabled = isDisabled(element)
  element.setAttribute('tabindex', disabled ? '-1' : '0')
  if (disabled) element.setAttribute('aria-disabled', 'true')
  else element.removeAttribute('aria-disabled')
  for (const [className, name] of Object.entries(iconNames)) {
    if (element.classList.contains(className)) element.setAttribute('aria-label', name)
  }
}

// The page's title in the navigation bar is its one top-level heading.
function makeHeading(element: Element) {
  element.setAttribute('role', 'heading')
  element.setAttribute('aria-level', '1')
}

// Each page scrolls inside its own element, and a ScrollView inside its own: a keyboard reaches them to scroll.
function makeScrollable(element: Element) {
  if (!element.hasAttribute('tabindex')) element.setAttribute('tabindex', '0')
}

const upgrades: [string, (element: Element) => void][] = [
  [buttons, makeButton],
  ['.taro-navigation-bar-title', makeHeading],
  ['.taro_page, taro-scroll-view-core', makeScrollable],
]

function upgrade(root: Element | Document) {
  for (const [selector, make] of upgrades) {
    if (root instanceof Element && root.matches(selector)) make(root)
    root.querySelectorAll(selector).forEach(make)
  }
}

export function makeButtonsAccessible(document: Document) {
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes' && (record.target as Element).matches(buttons)) makeButton(record.target as Element)
      record.addedNodes.forEach((node) => {
        if (node instanceof Element) upgrade(node)
      })
    }
  }).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled'] })
  upgrade(document)
  document.addEventListener('keydown', (event) => {
    const target = event.target
    if (!(target instanceof HTMLElement) || !target.matches(buttons)) return
    if (event.key !== 'Enter' && event.key !== ' ') return
    // Space would scroll the page as well.
    event.preventDefault()
    if (!isDisabled(target)) target.click()
  })
}
