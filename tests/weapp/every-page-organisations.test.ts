/**
 * Smoke test of the built mini-program (see support/every-page.ts): every page a volunteer and an
 * organisation's lead may open, each opens without an error and shows something.
 */
import { smokeTestEveryPageAs } from './support/every-page'

smokeTestEveryPageAs(['volunteer', 'organisationLead'])
