import { countDocuments, insertAll, removeAll } from '../../server/data/maintenance'
import { demoDataSet } from './demo-data'

const collections = Object.keys(demoDataSet) as (keyof typeof demoDataSet)[]

export async function isDatabaseEmpty(): Promise<boolean> {
  return (await countDocuments('people')) === 0
}

/** Replaces the demo collections' contents with the demo data set. */
export async function seedDemoData(): Promise<void> {
  for (const collection of collections) {
    await removeAll(collection)
    await insertAll(collection, demoDataSet[collection])
  }
}
