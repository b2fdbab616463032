/**
 * The reports' scheduled work (server/scheduler): the needs and the service records changed before
 * today go into the figures' rollups (docs/decisions/040 and 054). One record for all communities: a
 * change is taken in by the moment it was made, whichever community it is in. It belongs to no
 * committee (no community id), so a failing run is for the logs; the figures stay right meanwhile,
 * read from more needs and records.
 */
import type { DueRecord, DueStep } from '../due-work'
import { changesToRollUp, rollUpChanges } from './rollups'
import { rolledSources } from './sources/rolled'

const record: DueRecord = { _id: 'figures', communityId: '' }

export const rollUpFigures: DueStep<DueRecord> = {
  name: 'figuresRolled',
  title: '统计数字汇总',
  due: async (now) => ((await changesToRollUp(rolledSources, now)) ? [record] : []),
  load: async () => record,
  page: () => '',
  async run(_, now) {
    for (const source of rolledSources) await rollUpChanges(source, now)
    return true
  },
}
