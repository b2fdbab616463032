/**
 * The reports' scheduled work (server/scheduler): the needs changed before today go into the
 * figures' rollups (docs/decisions/040). One record for all communities: a change is taken in by
 * the moment it was made, whichever community it is in. It belongs to no committee (no community
 * id), so a failing run is for the logs; the figures stay right meanwhile, read from more needs.
 */
import type { DueRecord, DueStep } from '../due-work'
import { changesToRollUp, rollUpChanges } from './rollups'

const record: DueRecord = { _id: 'needs', communityId: '' }

export const rollUpNeeds: DueStep<DueRecord> = {
  name: 'needFiguresRolled',
  title: '统计数字汇总',
  due: async (now) => ((await changesToRollUp(now)) ? [record] : []),
  load: async () => record,
  page: () => '',
  async run(_, now) {
    await rollUpChanges(now)
    return true
  },
}
