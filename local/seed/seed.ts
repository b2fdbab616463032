import { countDocuments, insertAll, removeAll } from '../../server/data/maintenance'
import { careDemoData } from './care-demo'
import { demoDataSet } from './demo-data'

const collections = Object.keys(demoDataSet) as (keyof typeof demoDataSet)[]

export async function isDatabaseEmpty(): Promise<boolean> {
  return (await countDocuments('people')) === 0
}

/** Replaces the demo collections' contents with the demo data set; the care register is dated from `now`. */
export async function seedDemoData(now: Date = new Date()): Promise<void> {
  const dated = careDemoData(now)
  for (const [collection, documents] of [...collections.map((c) => [c, demoDataSet[c]] as const), ...Object.entries(dated)]) {
    await removeAll(collection)
    await insertAll(collection, documents)
  }
}
