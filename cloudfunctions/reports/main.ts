import { reportsContract } from '../../shared/contracts/reports'
import { defineHandler } from '../../server/handler'
import { exportOffice, exportReport, figures, officeFigures, waiting } from '../../server/reports/actions'

export const main = defineHandler(reportsContract, {
  waiting,
  figures,
  officeFigures,
  export: exportReport,
  exportOffice,
})
