/** The sources whose figures are rolled up by day: the needs (decision 040), the service records and the care visits (decision 054). */
import type { AnyRolledSource } from '../rollups'
import { rolledVisits } from './care'
import { rolledNeeds } from './needs'
import { rolledService } from './service'

export const rolledSources: readonly AnyRolledSource[] = [rolledNeeds, rolledService, rolledVisits]
