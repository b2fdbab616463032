/**
 * Smoke test of the built mini-program (see support/every-page.ts): every page a resident may open,
 * and every page someone not in the app yet may open, each opens without an error and shows something.
 */
import { smokeTestEveryPageAs } from './support/every-page'

smokeTestEveryPageAs(['resident', 'newcomer'])
