import { now as clockNow } from '../../server/clock'
import { countDocuments, insertAll, removeAll } from '../../server/data/maintenance'
import { creditServiceRecords } from '../../server/timebank/credit'
import { careDemoData } from './care-demo'
import { demoActivities } from './demo-activities'
import { demoDataSet } from './demo-data'
import { timebankItems, timebankServiceRecords } from './timebank-demo'

const collections = Object.keys(demoDataSet) as (keyof typeof demoDataSet)[]

/** What crediting writes: emptied with the records so that a reseed credits them afresh. */
const timebankCollections = [
  'service_records',
  'timebank_accounts',
  'timebank_entries',
  'timebank_items',
  'timebank_redemptions',
  'timebank_held',
  'timebank_daily',
  'timebank_certificates',
  'timebank_gifts',
  'timebank_gift_days',
  // Their running totals of counted minutes (decision 046), with the profiles beside them.
  'volunteers',
]

/** People's moves, take-overs and family links: emptied, since the demo people they name are put back. */
const relationCollections = ['moves', 'takeovers', 'family_links']

export async function isDatabaseEmpty(): Promise<boolean> {
  return (await countDocuments('people')) === 0
}

/**
 * Replaces the demo collections' contents with the demo data set: activities and the care register
 * dated from `now` (by default the clock's, which the local host and the tests can move), the time
 * bank's through its own crediting.
 */
export async function seedDemoData(now: Date = clockNow()): Promise<void> {
  const dated = { ...demoActivities(now), ...careDemoData(now) }
  for (const [collection, documents] of [...collections.map((c) => [c, demoDataSet[c]] as const), ...Object.entries(dated)]) {
    await removeAll(collection)
    await insertAll(collection, documents)
  }
  for (const collection of [...timebankCollections, ...relationCollections]) await removeAll(collection)
  await insertAll('timebank_items', timebankItems)
  await insertAll('service_records', timebankServiceRecords)
  // Each credited a minute after its lead confirmed it, as the function would.
  for (const record of timebankServiceRecords) await creditServiceRecords([record._id], new Date(record.confirmedAt.getTime() + 60_000))
}
