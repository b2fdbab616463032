import { surveysContract } from '../../shared/contracts/surveys'
import { defineHandler } from '../../server/handler'
import { answer, close, exportSurvey, list, open, publish, results, save } from '../../server/surveys/actions'

export const main = defineHandler(surveysContract, { save, publish, close, list, results, export: exportSurvey, open, answer })
