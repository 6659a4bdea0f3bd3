import { access } from '../platform/auth/access-rows.js';
import { defineModule } from '../platform/module.js';
import { AccountEntity } from './account.entity.js';
import { AccountResolver } from './account.resolver.js';
import { BooksEntity } from './books.entity.js';
import { BalanceCheckpointEntity } from './balance-checkpoint.entity.js';
import { ExpirySweeper } from './expiry-sweeper.js';
import { IdempotencyEntity } from './idempotency.entity.js';
import { JournalEntryEntity } from './journal-entry.entity.js';
import { JournalEntryResolver, PostingResolver } from './journal-entry.resolver.js';
import { ledgerConfig } from './ledger.config.js';
import { ledgerErrorCodes } from './ledger.errors.js';
import { ledgerIdPrefixes } from './ledger.ids.js';
import { createLedgerLoaders, type LedgerLoaders } from './ledger.loaders.js';
import { LedgerQueries } from './ledger.queries.js';
import { LedgerResolver, ledgerNodes } from './ledger.resolver.js';
import { LedgerService } from './ledger.service.js';
import { BalanceChangeResolver, EntryEventResolver, LedgerSubscriptionResolver } from './ledger.subscription.js';
import { PostingEntity } from './posting.entity.js';
import { LedgerFlowMetrics } from './ledger-metrics.js';
import { entriesCreatedBy, PostingWriter } from './posting-writer.js';
import { sql } from 'kysely';
import { perCurrency } from '../platform/business-gauges.js';

declare module '../platform/module.js' {
  interface Services {
    /** The ledger's unit of work and operations: the one way money moves. */
    ledger: LedgerService;
    /** The ledger's reads. */
    queries: LedgerQueries;
  }
  interface Loaders extends LedgerLoaders {}
}

/** The double-entry core: accounts, entries, postings, balances; every other module posts through it. */
/** A ledger entry event as the broker gets it: its subject, and the balances every one carries. */
const entryEvent = (what: string, says: string) => ({
  subject: `folio.ledger.entry.${what}`, version: 1,
  description: `${says} \`balances\`: each account it touched, \`{ accountId, code, ownerId, currency, posted, pending, available }\`, minor units as strings.`,
});

export const ledgerModule = defineModule({
  name: 'ledger',
  dependsOn: [],
  entities: [AccountEntity, JournalEntryEntity, PostingEntity, IdempotencyEntity, BalanceCheckpointEntity, BooksEntity],
  resolvers: [LedgerResolver, AccountResolver, JournalEntryResolver, PostingResolver, LedgerSubscriptionResolver, BalanceChangeResolver, EntryEventResolver],
  idPrefixes: ledgerIdPrefixes,
  nodes: ledgerNodes,
  errorCodes: ledgerErrorCodes,
  access: {
    Query: {
      account: access.ownOrStaff, accountByCode: access.ownOrStaff, accounts: access.ownOrStaff,
      entry: access.ownOrStaff, entries: access.ownOrStaff, verifyLedger: access.staff,
    },
    Mutation: {
      openAccount: access.staff, updateAccount: access.staff, postEntry: access.staff, postEntries: access.staff,
      commitPendingEntry: access.staff, voidPendingEntry: access.staff, reverseEntry: access.staff,
    },
    Subscription: { balanceChanged: access.ownOrStaff, entryPosted: access.ownOrStaff },
  },
  events: {
    ENTRY_POSTED: entryEvent('posted', 'An entry posted. `entryId`; `relatedEntryId` null.'),
    ENTRY_PENDING: entryEvent('pending', 'A two-phase entry held. `entryId`; `relatedEntryId` null.'),
    ENTRY_COMMITTED: entryEvent('committed', 'A hold committed. `entryId` the commit, `relatedEntryId` the hold.'),
    ENTRY_VOIDED: entryEvent('voided', 'A hold voided. `entryId` the hold; `relatedEntryId` null.'),
    ENTRY_EXPIRED: entryEvent('expired', 'A hold expired. `entryId` the hold; `relatedEntryId` null.'),
    ENTRY_REVERSED: entryEvent('reversed', 'An entry reversed. `entryId` the reversal, `relatedEntryId` the original.'),
  },
  describes: {
    query: 'the ledger (accounts, entries, balances at any time, verification)',
    mutation: 'the ledger (accounts, entries, two-phase holds, reversals)',
    subscription: 'balance changes and entries as they commit',
  },
  loaders: (em, services) => createLedgerLoaders(em, services.queries),
  config: ledgerConfig,
  async start({ orm, relay, metrics, config }) {
    // Every committed batch wakes the outbox relay, so subscribers hear of it at once.
    const flow = new LedgerFlowMetrics(metrics.registry);
    const writer = new PostingWriter(orm.em.fork().getKysely(), (results) => {
      relay.poke();
      metrics.entriesPosted(entriesCreatedBy(results));
      flow.committed(results);
    }, undefined, config.ledgerCheckpointSpan);
    return { ledger: new LedgerService(writer, orm), queries: new LedgerQueries() };
  },
  gauges: [
    perCurrency('folio_ledger_open_holds', 'Pending (two-phase) entries not yet committed, voided or expired, by currency',
      (db) => sql<{ currency: string; value: string }>`select p.currency, count(distinct e.id)::text as value from ledger_entry e join ledger_posting p on p.entry_id = e.id
        where e.status = 'PENDING' group by p.currency`.execute(db)),
    perCurrency('folio_ledger_open_holds_amount', 'Minor units held by pending entries (their debits), by currency',
      (db) => sql<{ currency: string; value: string }>`select p.currency, sum(p.amount)::text as value from ledger_entry e join ledger_posting p on p.entry_id = e.id
        where e.status = 'PENDING' and p.direction = 'DEBIT' group by p.currency`.execute(db)),
  ],
  // Each later module posts through a view of the ledger that counts its entries under its name.
  scope: (services, module) => ({ ledger: services.ledger.as(module) }),
  workers: (services, { metrics }) => [new ExpirySweeper(services.orm, services.ledger, metrics.registry)],
  async stop(services) {
    await services.ledger.close();
  },
});
