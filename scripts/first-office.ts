/**
 * `npm run office:first -- --name … --city … --district …`: the very first civil-affairs office and
 * an invitation for its first staff member, in the CloudBase environment of `.env`, or with
 * `--local` in the local host's database (stop `npm start` first). Run again, it adds no second
 * office and prints a fresh invitation (decision 034).
 */
import { join, resolve } from 'node:path'
import { startStandin } from '../local/standin'
import { now } from '../server/clock'
import { cloudbaseConnection, firstOffice, readOptions, USAGE } from './first-office/command'

const root = resolve(__dirname, '..')

async function main(): Promise<number> {
  const options = readOptions(process.argv.slice(2))
  if ('problem' in options) {
    console.error(`${options.problem}\nusage: ${USAGE}`)
    return 2
  }
  if (options.local) {
    const standin = await startStandin({ dataDir: join(resolve(root, options.dataDir), 'db') })
    Object.assign(process.env, standin.functionEnv)
    try {
      for (const line of await firstOffice(options.office, now(), 'http://localhost:3000')) console.log(line)
    } finally {
      await standin.close()
    }
    return 0
  }
  const connection = cloudbaseConnection(resolve(root, options.envFile))
  if ('problem' in connection) {
    console.error(connection.problem)
    return 1
  }
  Object.assign(process.env, connection)
  for (const line of await firstOffice(options.office, now())) console.log(line)
  return 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`office:first stopped: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  },
)
