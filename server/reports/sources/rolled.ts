/**
 * The sources whose figures are rolled up by day: the needs (decision 040), the service records and
 * the care visits (decision 054), and the organisations' work on needs (decision 055).
 */
import type { AnyRolledSource } from '../rollups'
import { rolledVisits } from './care'
import { rolledNeeds, rolledWork } from './needs'
import { rolledService } from './service'

export const rolledSources: readonly AnyRolledSource[] = [rolledNeeds, rolledService, rolledVisits, rolledWork]
