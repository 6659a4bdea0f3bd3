import { once } from 'node:events';
import type { NextFunction, Request, Response, Router } from 'express';
import { isStaff } from '../platform/auth/principal.js';
import { FolioError } from '../platform/errors.js';
import type { Caller } from '../platform/graphql/context.js';
import { logger } from '../platform/logger.js';
import type { RouteGuards, Services } from '../platform/module.js';
import { exportJournal, type JournalAsk, type JournalFormat } from './journal-export.js';
import { ReportsError } from './reports.errors.js';

const formats: Record<JournalFormat, { extension: string }> = { ledger: { extension: 'journal' }, beancount: { extension: 'beancount' } };

/** A UTC day `YYYY-MM-DD` as its first instant. */
function dayOf(req: Request, name: string): Date | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw ReportsError.badInput(`${name} is a date written YYYY-MM-DD`, name);
  const at = new Date(`${value}T00:00:00.000Z`);
  if (Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== value) throw ReportsError.badInput(`${name} is not a real date`, name);
  return at;
}

function askOf(req: Request): JournalAsk {
  const format = req.query.format ?? 'ledger';
  if (typeof format !== 'string' || !(format in formats)) throw ReportsError.badInput('format is ledger or beancount', 'format');
  const from = dayOf(req, 'from') ?? null;
  const today = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`);
  const to = dayOf(req, 'to') ?? new Date(today.getTime() + 86_400_000);
  if (from && to.getTime() <= from.getTime()) throw ReportsError.badInput('to is after from', 'to');
  return { format: format as JournalFormat, from, to };
}

/**
 * GET /exports/journal?from=YYYY-MM-DD&to=YYYY-MM-DD&format=ledger|beancount: the ledger as a
 * hledger/ledger-cli journal or a beancount file, streamed, for finance and admin (the caller's own
 * credentials, counted against its rate limit). `to` is exclusive and defaults to tomorrow.
 */
export function mountJournalExport(router: Router, services: Services, guards: RouteGuards): void {
  router.get('/exports/journal', ...guards.caller, async (req: Request, res: Response, next: NextFunction) => {
    try {
      const caller = res.locals.caller as Caller;
      if (!caller.principal) return void res.status(401).json({ code: 'UNAUTHENTICATED', message: caller.authFailure ?? 'credentials are required' });
      if (!isStaff(caller.principal)) return void res.status(403).json({ code: 'FORBIDDEN', message: 'the journal export is for finance and admin' });
      const ask = askOf(req);
      const name = `folio-${ask.from ? ask.from.toISOString().slice(0, 10) : 'all'}-to-${ask.to.toISOString().slice(0, 10)}.${formats[ask.format].extension}`;
      res.status(200).setHeader('content-type', 'text/plain; charset=utf-8').setHeader('content-disposition', `attachment; filename="${name}"`);
      await exportJournal(services.orm.em, ask, async (chunk) => {
        if (res.destroyed) throw new Error('the client went away');
        if (!res.write(chunk)) await once(res, 'drain');
      });
      res.end();
    } catch (error) {
      if (error instanceof FolioError && !res.headersSent) return void res.status(400).json({ code: error.code, message: error.message, ...error.details });
      if (res.headersSent) {
        // Half a journal must not pass for a whole one: the connection is cut, the last line never comes.
        logger.warn({ err: error }, 'journal export stopped before its end');
        return void res.destroy();
      }
      next(error);
    }
  });
}
