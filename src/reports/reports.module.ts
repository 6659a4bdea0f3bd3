import { access } from '../platform/auth/access-rows.js';
import { defineModule } from '../platform/module.js';
import type { ReportsModule } from './index.js';
import { reportsConfig } from './reports.config.js';
import { reportsErrorCodes } from './reports.errors.js';
import { ReportsResolver } from './reports.resolver.js';
import { ReportService } from './report.service.js';
import { ClosingEntryEntity, PeriodCloseEntity } from './period.entity.js';
import { PeriodResolver, reportsNodes } from './period.resolver.js';
import { PeriodService } from './period.service.js';
import { reportsIdPrefixes } from './reports.ids.js';
import { systemClock } from '../platform/clock.js';
import { mountJournalExport } from './journal.routes.js';

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
  entities: [PeriodCloseEntity, ClosingEntryEntity],
  resolvers: [ReportsResolver, PeriodResolver],
  idPrefixes: reportsIdPrefixes,
  nodes: reportsNodes,
  errorCodes: reportsErrorCodes,
  access: {
    Query: { trialBalance: access.staff, balanceSheet: access.staff, incomeStatement: access.staff, accountingPeriods: access.staff },
    Mutation: { closePeriod: access.staff, reopenPeriod: access.adminOnly },
  },
  config: reportsConfig,
  routes: (router, services, guards) => mountJournalExport(router, services, guards),
  describes: { query: 'reports (trial balance, balance sheet, income statement, accounting periods)', mutation: 'reports (period close and reopening)' },
  async start({ config }, { ledger }) {
    const periods = new PeriodService(ledger, config.reportsPeriod, systemClock());
    return { reports: { reports: new ReportService(), linesMax: config.reportsLinesMax, periods, periodKind: config.reportsPeriod } };
  },
});
