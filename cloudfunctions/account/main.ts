import { accountContract } from '../../shared/contracts/account'
import { defineHandler } from '../../server/handler'
import { describeMe } from '../../server/account'
import { homeOf } from '../../server/home'
import { setElderModePreference } from '../../server/data/people'
import { AppError, ErrorCode } from '../../shared/errors'
import { close, closing, correct, exportData, showMyData, withdrawConsent } from '../../server/my-data/actions'

export const main = defineHandler(accountContract, {
  async me({ caller }) {
    return { person: await describeMe(await caller()) }
  },

  async home({ caller, now }) {
    return homeOf(await caller(), now)
  },

  async updatePreferences({ caller, input }) {
    const { person } = await caller()
    if (!person) throw new AppError(ErrorCode.NOT_REGISTERED, '请先加入你所在的社区')
    await setElderModePreference(person._id, input.elderMode)
    return { preferences: { elderMode: input.elderMode } }
  },

  myData: showMyData,
  correct,
  withdrawConsent,
  exportData,
  closing,
  close,
})
