/**
 * 证明查验 in public (decision 047): the page a certificate's mini-program code and link open, and how
 * often one caller may look numbers up.
 */
import type { AttemptLimit } from './attempts'

/** The verify page; public, so that whoever scans the code reads the certificate without joining or signing in. */
export const VERIFY_PAGE = 'pages/time-bank/more/verify/index'

/** The code's scene: `number=XXXX-XXXX-XXXX-XXXX`, 26 characters of the 32 wxacode.getUnlimited takes. */
export const verifyScene = (number: string) => `number=${number}`

/**
 * The number from the verify page's query: `?number=…` (a link, a forwarded page), or inside `scene` when
 * WeChat opens the page from its mini-program code (`scene=number%3D…`).
 */
export function verifyNumberFrom(params: Record<string, string | undefined>): string {
  if (params.number) return params.number
  const scene = params.scene ? decodeURIComponent(params.scene) : ''
  return /(?:^|&)number=([^&]*)/.exec(scene)?.[1] ?? ''
}

/** Every look of one caller: a verifier checks one certificate, or a few, now and then. */
export const VERIFY_LOOK_LIMIT: AttemptLimit = { attempts: 20, windowMinutes: 10 }

/** Unknown numbers of one caller: a mistyped number is typed again once or twice, a guesser goes on. */
export const VERIFY_MISS_LIMIT: AttemptLimit = { attempts: 5, windowMinutes: 60 }

/**
 * Unknown numbers of all web visitors together: a browser that clears its storage is a new visitor (a WeChat
 * account is not that cheap), so those who look from outside WeChat also share one budget of misses.
 */
export const WEB_VISITORS_MISS_LIMIT: AttemptLimit = { attempts: 60, windowMinutes: 60 }
