import { stringify } from 'csv-stringify';
import type { NextFunction, Request, Response, Router } from 'express';
import { parseCurrency } from '../ledger/index.js';
import { FolioError } from '../platform/errors.js';
import type { Caller } from '../platform/graphql/context.js';
import type { RouteGuards, Services } from '../platform/module.js';
import { fromGlobalId } from './billing.ids.js';
import { BillingError } from './billing.errors.js';
import { manages, reaches, scopeOf } from './billing-scope.js';
import type { StatementOf } from './statement.queries.js';

/**
 * GET /billing/statements/payers/<pyr_…>.csv and /billing/statements/organisations/<mer_…>.csv
 * (`?currency=USD&from=…&to=…`, the caller's own credentials): a statement's every line as CSV,
 * streamed a page at a time, so an organisation's year of thousands of invoices never sits in
 * memory. Who may read which statement is as for payerStatement and organisationStatement; each
 * download counts against the caller's rate limit like a GraphQL request.
 */
export function mountStatementCsv(router: Router, services: Services, guards: RouteGuards): void {
  const handler = (kind: 'payer' | 'organisation') => async (req: Request, res: Response, next: NextFunction) => {
    try {
      const caller = res.locals.caller as Caller;
      if (!caller.principal) return void res.status(401).json({ code: 'UNAUTHENTICATED', message: caller.authFailure ?? 'credentials are required' });
      const asked = askedOf(req);
      const of = await visibleStatement(services, caller, kind, String(req.params.id).replace(/\.csv$/, ''));
      if (!of) return void res.status(404).json({ code: 'NOT_FOUND', message: `no ${kind} statement the caller may read` });
      await writeCsv(services, res, of, asked);
    } catch (error) {
      if (error instanceof FolioError && !res.headersSent) return void res.status(400).json({ code: error.code, message: error.message });
      next(error);
    }
  };
  router.get('/billing/statements/payers/:id', ...guards.caller, handler('payer'));
  router.get('/billing/statements/organisations/:id', ...guards.caller, handler('organisation'));
}

function askedOf(req: Request): { currency: string; from: Date; to: Date } {
  const text = (name: string) => {
    const value = req.query[name];
    if (typeof value !== 'string' || value === '') throw BillingError.badInput(`${name} is required`, name);
    return value;
  };
  const instant = (name: string) => {
    const at = new Date(text(name));
    if (Number.isNaN(at.getTime())) throw BillingError.badInput(`${name} is an ISO 8601 date-time`, name);
    return at;
  };
  return { currency: parseCurrency(text('currency'), 'currency'), from: instant('from'), to: instant('to') };
}

/** Whose statement the id names, if the caller may read it. */
async function visibleStatement(services: Services, caller: Caller, kind: 'payer' | 'organisation', id: string): Promise<StatementOf | undefined> {
  const em = services.orm.em.fork();
  const scope = await scopeOf(caller.principal, (userId) => services.merchants.queries.merchantIdsOf(em, userId));
  if (kind === 'organisation') {
    const merchantId = fromGlobalId('Merchant', id, 'id');
    if (!manages(scope, merchantId)) return undefined;
    return (await services.merchants.queries.byIds(em, [merchantId])).length ? { merchantId } : undefined;
  }
  const payerId = fromGlobalId('Payer', id, 'id');
  const [payer] = await services.billing.queries.payersByIds(em, [payerId]);
  if (!payer) return undefined;
  const guardians = (await services.billing.queries.guardianIdsOf(em, [payerId])).get(payerId) ?? [];
  return reaches(scope, String(payer.merchantId), guardians) ? { payerId } : undefined;
}

async function writeCsv(services: Services, res: Response, of: StatementOf, asked: { currency: string; from: Date; to: Date }): Promise<void> {
  if (asked.to.getTime() <= asked.from.getTime()) throw BillingError.badInput('to is after from', 'to');
  const name = `statement-${of.payerId ? `pyr_${of.payerId}` : `mer_${of.merchantId}`}-${asked.currency}.csv`;
  res.status(200).setHeader('content-type', 'text/csv; charset=utf-8').setHeader('content-disposition', `attachment; filename="${name}"`);
  const csv = stringify({ header: true, columns: ['at', 'kind', 'invoice_number', 'invoice_id', 'payment_id', 'amount', 'balance', 'currency'] });
  csv.pipe(res);
  let balance = 0n;
  for await (const page of services.billing.statements.lines(services.orm.em.fork(), of, asked.currency, asked.from, asked.to)) {
    if ('opening' in page) {
      balance = page.opening;
      write(csv, [asked.from.toISOString(), 'OPENING', '', '', '', '', String(balance), asked.currency]);
      continue;
    }
    for (const line of page) {
      balance = line.balance;
      await write(csv, [line.at.toISOString(), line.kind, line.invoiceNumber, `inv_${line.invoiceId}`, line.paymentId ? `ipm_${line.paymentId}` : '', String(line.amount), String(line.balance), asked.currency]);
    }
  }
  write(csv, [asked.to.toISOString(), 'CLOSING', '', '', '', '', String(balance), asked.currency]);
  csv.end();
}

/** Writes a row, waiting when the client reads slower than the lines come. */
function write(csv: ReturnType<typeof stringify>, row: string[]): Promise<void> | void {
  if (!csv.write(row)) return new Promise((resolve) => csv.once('drain', resolve));
}
