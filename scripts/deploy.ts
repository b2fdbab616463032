/**
 * `npm run deploy`: the functions (code, dependencies, variables, timeouts, timers), the collections and
 * indexes, and the storage rule, into the CloudBase environment named in `.env` (docs/decisions/032).
 * `npm run deploy -- --dry-run [--env-file .env.example]` only checks, without the network.
 */
import { resolve } from 'node:path'
import { buildFunctions } from './build-functions'
import { applyPlan } from './deploy/apply'
import { checkDeployment } from './deploy/check'
import { loadManager, managerNodeTarget } from './deploy/manager-node'

const root = resolve(__dirname, '..')

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name)
  return at < 0 ? undefined : process.argv[at + 1]
}

async function main(): Promise<number> {
  const dryRun = process.argv.includes('--dry-run')
  const envFile = resolve(root, option('--env-file') ?? '.env')
  const { problems, plan } = await checkDeployment({ root, envFile, forReal: !dryRun })
  if (!plan) {
    console.error(`The deploy would fail, ${problems.length} problem(s):`)
    for (const problem of problems) console.error(`  - ${problem}`)
    return 1
  }
  const summary = `${plan.functions.length} functions, ${Object.keys(plan.collections.collections).length} collections, the storage rule`
  if (dryRun) {
    console.log(`deploy --dry-run: ${summary}: all checked, nothing sent`)
    return 0
  }
  const target = managerNodeTarget(loadManager(plan.envId, plan.secretId, plan.secretKey), plan.envId)
  await buildFunctions(resolve(root, 'cloudfunctions'))
  console.log(`deploying ${summary} to ${plan.envId}`)
  await applyPlan(plan, target, root, (line) => console.log(line))
  console.log('deploy: done')
  return 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`deploy stopped: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  },
)
