import { countDocuments, insertAll, removeAll } from '../../server/data/maintenance'
import { demoActivities } from './demo-activities'
import { demoDataSet } from './demo-data'

const collections = Object.keys(demoDataSet) as (keyof typeof demoDataSet)[]

export async function isDatabaseEmpty(): Promise<boolean> {
  return (await countDocuments('people')) === 0
}

/** Replaces the demo collections' contents with the demo data set, and the activities dated from `now`. */
export async function seedDemoData(now: Date = new Date()): Promise<void> {
  const activities = demoActivities(now)
  for (const [collection, documents] of [...collections.map((c) => [c, demoDataSet[c]] as const), ...Object.entries(activities)]) {
    await removeAll(collection)
    await insertAll(collection, documents)
  }
}
