/** `npm run reset`: the local database back to the demo data set, and no uploaded photos. */
import { mkdirSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { startStandin } from '../standin'
import { seedDemoData } from './seed'

async function reset() {
  const root = resolve(__dirname, '../../.data')
  // Photos belong to needs that the reseed removes.
  rmSync(join(root, 'storage'), { recursive: true, force: true })
  const dataDir = join(root, 'db')
  rmSync(dataDir, { recursive: true, force: true })
  mkdirSync(dataDir, { recursive: true })
  const standin = await startStandin({ dataDir })
  Object.assign(process.env, standin.functionEnv)
  await seedDemoData()
  await standin.close()
  console.log(`reseeded the demo data in ${dataDir}`)
}

reset().catch((error) => {
  console.error(error)
  process.exit(1)
})
