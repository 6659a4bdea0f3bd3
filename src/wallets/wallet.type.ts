import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Balance, Money } from '../ledger/index.js';
import { connectionOf, type ConnectionOf } from '../platform/graphql/connection.js';
import { toGlobalId } from './wallet.ids.js';
import { Node } from '../platform/graphql/node.type.js';
import type { WalletRow, WalletTransactionRow } from './wallet.service.js';
import { directionOf, FlowDirection, WalletTransactionKind, WalletTransactionStatus } from './wallets.enums.js';

registerEnumType(WalletTransactionKind, {
  name: 'WalletTransactionKind',
  description: 'What a line of wallet history is.',
  valuesConfig: {
    DEPOSIT: { description: 'Money that arrived at the bank for this wallet.' },
    TRANSFER_IN: { description: 'Received from another user.' },
    TRANSFER_OUT: { description: 'Sent to another user.' },
    WITHDRAWAL: { description: 'Sent to the user’s bank through the payment processor.' },
    PAYOUT: { description: 'Paid out of the available balance through the payment processor.' },
    FEE: { description: 'A fee the platform charged (for a withdrawal).' },
    CASHBACK: { description: 'Cashback earned on a purchase: PENDING while the purchase can be returned, COMPLETED once confirmed, CANCELLED if reversed first. `reference` is the purchase.' },
    CASHBACK_CLAWBACK: { description: 'Cashback taken back from the wallet (a purchase refunded or reversed after confirmation, or owed cashback repaid). `reference` is the purchase.' },
    INVOICE_PAYMENT: { description: 'An invoice paid from the wallet by a guardian of its payer. `reference` is the invoice.' },
  },
});
registerEnumType(WalletTransactionStatus, {
  name: 'WalletTransactionStatus',
  description: 'PENDING while funds are held; then COMPLETED, or FAILED / CANCELLED with the funds returned.',
});
registerEnumType(FlowDirection, { name: 'FlowDirection', description: 'Whether money came into the wallet (IN) or left it (OUT).' });

@ObjectType({ implements: Node, description: 'A user’s wallet in one currency, backed by a ledger account (a liability of the platform to the user). Opened on first use.' })
export class Wallet extends Node {
  rowId!: string;
  row!: WalletRow;

  @Field(() => ID, { description: 'Global id, e.g. "wal_7".' })
  override id!: string;

  @Field({ description: 'ISO 4217 currency of the wallet.' })
  currency!: string;

  @Field(() => ID, { description: 'Global id of the user who owns the wallet.' })
  ownerId!: string;

  @Field({ description: 'When the wallet was opened.' })
  createdAt!: Date;

  static from(row: WalletRow): Wallet {
    return Object.assign(new Wallet(), {
      rowId: row.id, row, id: toGlobalId('Wallet', row.id), currency: row.currency.trim(), ownerId: toGlobalId('User', row.userId), createdAt: row.createdAt,
    });
  }
}

@ObjectType({ description: 'The other user of a transfer.' })
export class Counterparty {
  @Field(() => ID, { description: 'Global id of the user.' }) userId!: string;
  @Field(() => String, { nullable: true, description: 'The user’s email, where the caller may see it: staff always; the recipient of a transfer sees the sender’s; the sender sees the address they sent to, and null for a transfer sent to a user id.' }) email!: string | null;
}

@ObjectType({ implements: Node, description: 'One line of a wallet’s history, written with the ledger entry it describes.' })
export class WalletTransaction extends Node {
  row!: WalletTransactionRow;

  @Field(() => ID, { description: 'Global id, e.g. "wtx_31".' })
  override id!: string;

  @Field(() => WalletTransactionKind, { description: 'DEPOSIT, TRANSFER_IN, TRANSFER_OUT, WITHDRAWAL, PAYOUT, FEE, CASHBACK, CASHBACK_CLAWBACK or INVOICE_PAYMENT.' }) kind!: WalletTransactionKind;
  @Field(() => FlowDirection, { description: 'IN for deposits, transfers received and cashback; OUT otherwise.' }) direction!: FlowDirection;
  @Field(() => WalletTransactionStatus, { description: 'PENDING while held; COMPLETED, FAILED or CANCELLED.' }) status!: WalletTransactionStatus;
  @Field(() => Money, { description: 'The amount, always positive; `direction` says which way it went.' }) amount!: Money;
  @Field({ description: 'The client’s note (a transfer’s message, a deposit’s memo); may be empty.' }) memo!: string;
  @Field(() => String, { nullable: true, description: 'A deposit’s external reference, or a withdrawal’s or payout’s destination.' }) reference!: string | null;
  @Field({ description: 'When the movement was made.' }) createdAt!: Date;
  @Field({ description: 'When the status last changed.' }) updatedAt!: Date;

  static from(row: WalletTransactionRow): WalletTransaction {
    return Object.assign(new WalletTransaction(), {
      row, id: toGlobalId('WalletTransaction', row.id), kind: row.kind, direction: directionOf(row.kind), status: row.status,
      amount: Money.of(BigInt(row.amount), row.currency.trim()), memo: row.memo, reference: row.reference, createdAt: row.createdAt, updatedAt: row.updatedAt,
    });
  }
}

export const WalletTransactionConnection = connectionOf(WalletTransaction, 'WalletTransaction', { one: 'line of history', many: 'lines of history' }, 'A page of wallet history, newest first.');
export type WalletTransactionConnection = ConnectionOf<WalletTransaction>;

@ObjectType({ description: 'A wallet’s balance changed: one per committed ledger event that touched it.' })
export class WalletBalanceChange {
  /** The wallet's ledger account id (the event names accounts). */
  walletRowId!: string;
  entryRowId!: string;

  @Field({ description: 'The event’s sequence number: pass it as `after` to resume from here.' }) sequence!: string;
  @Field(() => Balance, { description: 'The balance right after this change.' }) balance!: Balance;
}
