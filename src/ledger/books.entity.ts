import { defineEntity, p } from '@mikro-orm/core';

/**
 * The ledger's one row of books: the instant before which every period is closed. No entry,
 * reversal or commit may take effect before `closedThrough`; only a period close or reopening
 * moves it (books.sql.ts), under the books lock.
 */
export const BooksEntity = defineEntity({
  name: 'Books',
  tableName: 'ledger_books',
  properties: {
    id: p.smallint().primary().autoincrement(false),
    // Null while no period has been closed.
    closedThrough: p.datetime().columnType('timestamptz').nullable(),
    updatedAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
  },
  checks: [{ name: 'ledger_books_one_row_check', expression: 'id = 1' }],
});
