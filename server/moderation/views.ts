import { iso } from '../../shared/domain/time'
import type { TakenDown } from '../data/documents'

/** A take-down as the committee and the author read it. */
export const takenDownView = (takenDown: TakenDown) => ({ reason: takenDown.reason, at: iso(takenDown.at) })
