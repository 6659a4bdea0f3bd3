import 'reflect-metadata';
import { buildSchema } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import { authChecker } from '../auth/auth-checker.js';
import { AccountResolver } from '../../ledger/account.resolver.js';
import { JournalEntryResolver, PostingResolver } from '../../ledger/journal-entry.resolver.js';
import { LedgerResolver } from '../../ledger/ledger.resolver.js';
import { BalanceChangeResolver, EntryEventResolver, LedgerSubscriptionResolver } from '../../ledger/ledger.subscription.js';
import { ApiKeyResolver, SessionResolver, UserResolver } from '../../identity/index.js';
import { WalletFieldResolver, WalletResolver, WalletTransactionFieldResolver } from '../../wallets/wallet.resolver.js';
import { WithdrawalFieldResolver, WithdrawalResolver } from '../../wallets/withdrawal.resolver.js';
import { PayoutFieldResolver, PayoutResolver, PayoutUpdateResolver, WalletTransactionPayoutResolver } from '../../payouts/payout.resolver.js';
import { WalletBalanceChangeResolver, WalletSubscriptionResolver, WithdrawalUpdateResolver } from '../../wallets/wallet.subscription.js';

/** Every resolver of the gateway; a module adds its own here. */
export const resolvers = [
  LedgerResolver, AccountResolver, JournalEntryResolver, PostingResolver,
  LedgerSubscriptionResolver, BalanceChangeResolver, EntryEventResolver,
  SessionResolver, UserResolver, ApiKeyResolver,
  WalletResolver, WalletFieldResolver, WalletTransactionFieldResolver, WithdrawalResolver, WithdrawalFieldResolver,
  WalletSubscriptionResolver, WalletBalanceChangeResolver, WithdrawalUpdateResolver,
  PayoutResolver, PayoutFieldResolver, PayoutUpdateResolver, WalletTransactionPayoutResolver,
] as const;

let built: Promise<GraphQLSchema> | undefined;

/** type-graphql has no way to describe the root types; GraphiQL's docs pane shows these first. */
function describeRoots(schema: GraphQLSchema): GraphQLSchema {
  schema.getQueryType()!.description = 'Reads of the ledger (accounts, entries, balances at any time, verification), of wallets (balances, history, withdrawals, payouts) and of identity (the caller, users, API keys).';
  schema.getMutationType()!.description = 'Changes to the ledger; deposits, transfers, withdrawals and payouts; sign-up, sessions, users and API keys. Every mutation that moves money takes a client-generated idempotency key.';
  schema.getSubscriptionType()!.description = 'Live changes over graphql-ws at the same URL, resumable from an event sequence number.';
  return schema;
}

/** Builds the schema once per process (type-graphql's metadata is global). */
export function folioSchema(): Promise<GraphQLSchema> {
  // Folio's subscriptions use their own `subscribe` (the outbox EventHub, resumable from a cursor);
  // type-graphql still insists on a PubSub for topic-based ones, of which there are none.
  built ??= buildSchema({ resolvers, authChecker, validate: false, emitSchemaFile: false, pubSub: createPubSub() }).then(describeRoots);
  return built;
}
