/**
 * THE list of the functions' environment variables (docs/decisions/032). `npm run deploy` sets each on
 * every function whose bundle names it; the dry run refuses a `LINLI_` name in a bundle that is not
 * here, and a variable here that no bundle names. Values come from `.env`; `.env.example` shows them all.
 */
import { checkInSecretFrom, CHECK_IN_SECRET_ENV } from '../../server/activities/check-in-code'

interface Common {
  name: string
  /** What it is and where its value comes from; the dry run's messages repeat it. */
  description: string
  /** Never printed by the deploy; its `.env.example` value is a placeholder the deploy refuses. */
  secret: boolean
  /** What is wrong with a value, if anything. */
  problem?: (value: string) => string | undefined
}

/**
 * Required: the deploy stops unless `.env` gives it. Optional: `.env` wins; without it, the value already
 * online is kept, and a function that has none gets the default (so a value set in the console survives).
 */
export type DeployVariable = Common & ({ required: true } | { required: false; default: string })

/** Our variables start with this; the platform's own (TENCENTCLOUD_*, WX_*, TCB_*, SCF_*) do not. */
export const VARIABLE_PREFIX = 'LINLI_'

function jsonMapProblem(value: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(value)
    const isMap = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
    if (isMap && Object.values(parsed).every((id) => typeof id === 'string')) return undefined
  } catch {
    // answered below
  }
  return 'must be a JSON object of strings, e.g. {"name": "id"}'
}

export const VARIABLES: DeployVariable[] = [
  {
    name: CHECK_IN_SECRET_ENV,
    description: 'signs the rotating activity check-in codes (decision 008); e.g. `openssl rand -base64 32`',
    secret: true,
    required: true,
    problem(value) {
      try {
        checkInSecretFrom({ [CHECK_IN_SECRET_ENV]: value })
        return undefined
      } catch (error) {
        return error instanceof Error ? error.message : String(error)
      }
    },
  },
  {
    name: 'LINLI_SUBSCRIBE_TEMPLATES',
    description: 'our subscribe-message names → WeChat template ids (README, Subscribe message templates); {} sends none',
    secret: false,
    required: false,
    default: '{}',
    problem: jsonMapProblem,
  },
  {
    name: 'LINLI_MINIPROGRAM_ENV_VERSION',
    description: 'which version a scanned mini-program code opens: develop, trial or release',
    secret: false,
    required: false,
    default: 'release',
    problem: (value) => (['develop', 'trial', 'release'].includes(value) ? undefined : 'must be develop, trial or release'),
  },
  {
    name: 'LINLI_SMS_SDK_APP_ID',
    description: "Tencent Cloud SMS application's SdkAppId (1400…, decision 030); empty: every SMS is recorded as failed",
    secret: false,
    required: false,
    default: '',
    problem: (value) => (value === '' || /^\d+$/.test(value) ? undefined : 'must be the digits of the SdkAppId'),
  },
  {
    name: 'LINLI_SMS_SIGN_NAME',
    description: 'the approved SMS signature (签名)',
    secret: false,
    required: false,
    default: '',
  },
  {
    name: 'LINLI_SMS_TEMPLATES',
    description: 'SMS template names → Tencent template ids, e.g. {"lifeSafetyText": "123"}',
    secret: false,
    required: false,
    default: '{}',
    problem: jsonMapProblem,
  },
  {
    name: 'LINLI_SMS_REGION',
    description: 'region of the SMS application',
    secret: false,
    required: false,
    default: 'ap-guangzhou',
    problem: (value) => (/^[a-z]+-[a-z]+$/.test(value) ? undefined : 'must be a region such as ap-guangzhou'),
  },
]

/** What the deploy itself needs from `.env`, never given to a function. */
export const DEPLOY_SETTINGS = [
  { name: 'CLOUDBASE_ENV', description: 'the environment id, with its random suffix (CloudBase console)', secret: false },
  { name: 'CLOUDBASE_SECRET_ID', description: 'a Tencent Cloud API key id allowed to manage the environment (CAM)', secret: true },
  { name: 'CLOUDBASE_SECRET_KEY', description: 'its key', secret: true },
]
