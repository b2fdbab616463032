/** The sources whose figures are rolled up by day: the needs (decision 040) and the service records (decision 054). */
import type { AnyRolledSource } from '../rollups'
import { rolledNeeds } from './needs'
import { rolledService } from './service'

export const rolledSources: readonly AnyRolledSource[] = [rolledNeeds, rolledService]
