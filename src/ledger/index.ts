// type-graphql's decorators need the metadata polyfill before this module's classes are defined.
import 'reflect-metadata';
// The ledger core's public surface for modules: they move money only through LedgerService.
export { LedgerService, type PostEntryCommand, type PostingCommand } from './ledger.service.js';
export { LedgerTransaction } from './ledger-unit.js';
export { LedgerError, ledgerErrorCodes } from './ledger.errors.js';
export { AccountType, Direction, EntryEventType, NegativeBalancePolicy } from './ledger.enums.js';
export { parseAmount, parseCurrency } from './money.js';
export { moves, type AccountRef } from './moves.js';
export { Money, Balance } from './money.type.js';
export { balanceOf, type Balance as BalanceValue } from './posting-rules.js';
export { entryEventOf, type BalancePayload, type EntryEventPayload } from './ledger-batch.js';
export { currentBalance, type AccountRow } from './ledger.queries.js';
export { Account } from './account.type.js';
export { AccountEntity } from './account.entity.js';
export { JournalEntryEntity } from './journal-entry.entity.js';
export { JournalEntry } from './journal-entry.type.js';
export type { LedgerLoaders } from './ledger.loaders.js';
export { requestHash } from './ledger-ops.js';
export type { EntryRows } from './entry-rows.js';
export type { EnsureAccountCommand, ReverseCommand, CommitCommand, VoidCommand } from './ledger.service.js';
export { ledgerModule } from './ledger.module.js';
export { postedTotalsAt, type PostedTotalsFilter, type PostedTotalsRow } from './balance-history.queries.js';
export { normalSideOf } from './ledger.enums.js';
export { closedThroughNow } from './books.sql.js';
export type { TransactionOptions } from './ledger.service.js';
