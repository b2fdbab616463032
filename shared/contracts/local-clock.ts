/**
 * `POST /local/clock`: moves the local host's clock (docs/decisions/014). Only the local host
 * answers it; no cloud function has a clock anyone can move.
 */
import { z } from 'zod'

/** A year: enough to reach any deadline, reminder or report period from today. */
const MAX_ADVANCE_MINUTES = 366 * 24 * 60

export const moveClockSchema = z
  .strictObject({
    advanceMinutes: z
      .number({ message: '请填写要往后拨的分钟数' })
      .int({ message: '分钟数须为整数' })
      .min(1, { message: '只能往后拨，至少 1 分钟；要回到过去请用 set' })
      .max(MAX_ADVANCE_MINUTES, { message: '一次最多往后拨一年' })
      .optional(),
    set: z.iso.datetime({ offset: true, message: '时间格式不正确' }).optional(),
  })
  .refine((move) => (move.advanceMinutes === undefined) !== (move.set === undefined), { message: '请只填 advanceMinutes 或 set 其中一项' })

export type MoveClock = z.input<typeof moveClockSchema>
