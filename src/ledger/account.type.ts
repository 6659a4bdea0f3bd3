import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Node } from '../platform/graphql/node.type.js';
import { toGlobalId } from './ledger.ids.js';
import { connectionOf, type ConnectionOf } from '../platform/graphql/connection.js';
import { AccountStatus, AccountType, Direction, NegativeBalancePolicy, normalSideOf } from './ledger.enums.js';
import type { AccountRow } from './ledger.queries.js';

registerEnumType(AccountType, { name: 'AccountType', description: 'The type of an account, which fixes its normal side.' });
registerEnumType(Direction, { name: 'Direction', description: 'The side of a posting.' });
registerEnumType(AccountStatus, {
  name: 'AccountStatus',
  description: 'OPEN accounts take postings; FROZEN and CLOSED accounts refuse new postings (holds on them can still be voided or expire). CLOSED is final.',
});
registerEnumType(NegativeBalancePolicy, { name: 'NegativeBalancePolicy', description: 'Whether the available balance may go below zero on the normal side.' });

@ObjectType({ implements: Node, description: 'A ledger account: where postings land. Its balance is kept current by every posting and can be recomputed from them (see `verifyLedger`).' })
export class Account extends Node {
  /** The database id, for field resolvers; not exposed. */
  rowId!: string;
  row!: AccountRow;

  @Field(() => ID, { description: 'Global id, e.g. "acc_42".' })
  override id!: string;

  @Field({ description: 'Unique code within the ledger, e.g. "wallet:user:42:usd".' })
  code!: string;

  @Field({ description: 'Display name, at most 200 characters.' })
  name!: string;

  @Field(() => AccountType, { description: 'ASSET, LIABILITY, EQUITY, REVENUE or EXPENSE.' })
  type!: AccountType;

  @Field(() => Direction, { description: 'The side on which the balance grows: DEBIT for ASSET and EXPENSE, CREDIT otherwise.' })
  normalSide!: Direction;

  @Field({ description: 'ISO 4217 currency of every posting to this account.' })
  currency!: string;

  @Field(() => AccountStatus, { description: 'OPEN, FROZEN or CLOSED.' })
  status!: AccountStatus;

  @Field(() => NegativeBalancePolicy, { description: 'FORBID (default): the available balance may not go below zero; ALLOW: it may.' })
  negativeBalance!: NegativeBalancePolicy;

  @Field(() => ID, { nullable: true, description: 'Global id of the user (customer or merchant) who owns the account and may see it; null for system accounts.' })
  ownerId!: string | null;

  @Field(() => GraphQLJSONObject, { description: 'Free-form JSON object for the client.' })
  metadata!: Record<string, unknown>;

  @Field({ description: 'When the account was opened.' })
  createdAt!: Date;

  @Field({ description: 'When the account last changed (a posting or an update).' })
  updatedAt!: Date;

  static from(row: AccountRow): Account {
    return Object.assign(new Account(), {
      rowId: row.id, row, id: toGlobalId('Account', row.id), code: row.code, name: row.name, type: row.type,
      normalSide: normalSideOf(row.type), currency: row.currency.trim(), status: row.status,
      negativeBalance: row.negativeBalance, metadata: row.metadata ?? {}, ownerId: row.ownerId ? toGlobalId('User', row.ownerId) : null,
      createdAt: new Date(row.createdAt), updatedAt: new Date(row.updatedAt),
    });
  }
}

export const AccountConnection = connectionOf(Account, 'Account', { one: 'account', many: 'accounts' }, 'A page of accounts in id order.');
export type AccountConnection = ConnectionOf<Account>;
