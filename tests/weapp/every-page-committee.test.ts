/**
 * Smoke test of the built mini-program (see support/every-page.ts): every page a community committee
 * member and a civil-affairs officer may open, each opens without an error and shows something.
 */
import { smokeTestEveryPageAs } from './support/every-page'

smokeTestEveryPageAs(['committee', 'civilAffairs'])
