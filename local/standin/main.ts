/**
 * CLI: `npx tsx local/standin/main.ts --data .data/db --port 9100 [--manifest path]`
 * Prints the URL and the env a function process needs, then serves until SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util'
import { startStandin } from './index'

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: '.data/db' },
      port: { type: 'string', default: '9100' },
      manifest: { type: 'string' },
    },
  })
  const standin = await startStandin({ dataDir: values.data!, port: Number(values.port), manifestPath: values.manifest })
  // One JSON line first so scripts and tests can read it; then a human-readable version.
  console.log(JSON.stringify({ url: standin.url, env: standin.functionEnv }))
  console.log(`CloudBase database stand-in on ${standin.url} (data: ${values.data})`)
  console.log('Run functions with:')
  for (const [k, v] of Object.entries(standin.functionEnv)) console.log(`  ${k}='${v}'`)
  const stop = () => void standin.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
