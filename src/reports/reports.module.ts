import { access } from '../platform/auth/access-rows.js';
import { defineModule } from '../platform/module.js';
import type { ReportsModule } from './index.js';
import { reportsConfig } from './reports.config.js';
import { reportsErrorCodes } from './reports.errors.js';
import { ReportsResolver } from './reports.resolver.js';
import { ReportService } from './report.service.js';

declare module '../platform/module.js' {
  interface Services {
    /** The financial statements over the whole ledger. */
    reports: ReportsModule;
  }
}

/**
 * Reports (FinFlow): the financial statements a finance team reads, over every module's postings.
 * It reads the ledger's accounts and postings only, so what cashback, settlement and billing post
 * is reported without the reports knowing them.
 */
export const reportsModule = defineModule({
  name: 'reports',
  dependsOn: ['ledger'],
  entities: [],
  resolvers: [ReportsResolver],
  idPrefixes: {},
  nodes: {},
  errorCodes: reportsErrorCodes,
  access: {
    Query: { trialBalance: access.staff, balanceSheet: access.staff, incomeStatement: access.staff },
  },
  config: reportsConfig,
  describes: { query: 'reports (trial balance, balance sheet, income statement)' },
  async start({ config }) {
    return { reports: { reports: new ReportService(), linesMax: config.reportsLinesMax } };
  },
});
