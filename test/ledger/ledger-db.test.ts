import { describe, expect, inject, it } from 'vitest';
import { ledgerColumns } from '../../src/ledger/ledger.db.js';
import { catalogueFacts, sortedFacts } from '../testkit/schema-columns.js';

// ledgerColumns is checked against the LedgerDatabase interface by the compiler; this checks it
// against the migrated database, so the interface and the migrations cannot drift apart.
describe('the ledger\'s Kysely Database interface', () => {
  it('names every column of each of its tables as the migrations create it, nullable and defaulted alike', async () => {
    const tables = Object.keys(ledgerColumns);
    expect(tables).toEqual(expect.arrayContaining(['ledger_account', 'ledger_entry', 'ledger_posting', 'ledger_idempotency', 'ledger_event']));
    const migrated = await catalogueFacts(inject('databaseUrl'), tables);
    expect(sortedFacts(ledgerColumns)).toEqual(sortedFacts(migrated));
  });
});
