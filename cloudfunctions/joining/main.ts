import { joiningContract } from '../../shared/contracts/joining'
import { defineHandler } from '../../server/handler'
import { confirm, decline, invitation, newcomers } from '../../server/joining/check'
import { community, find } from '../../server/joining/find'
import { join, mine } from '../../server/joining/join'

export const main = defineHandler(joiningContract, { find, community, join, mine, newcomers, confirm, decline, invitation })
