import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { currentBalance, Money, type AccountRow } from '../ledger/index.js';
import { Merchant, merchantScope, scopedMerchants } from '../merchants/index.js';
import { Role, staffRoles } from '../platform/auth/roles.js';
import { decodeCursor, pageSize, toConnection } from '../platform/graphql/connection.js';
import type { GraphQLContext } from '../platform/graphql/context.js';
import type { NodeFetcher } from '../platform/graphql/node.type.js';
import { InputError } from '../platform/errors.js';
import type { IdType } from '../platform/ids.js';
import type { SettlementPayoutRow } from './settlement-ledger.entity.js';
import { settlementAccounts } from './settlement-accounts.js';
import { SettlementItemKind } from './settlement.enums.js';
import { fromGlobalId, toGlobalId } from './settlement.ids.js';
import { RunSettlementPayoutsInput, SetSettlementTermsInput, SettlementPayoutFilterInput } from './settlement.input.js';
import type { SettlementPlace } from './settlement.queries.js';
import { SettlementBalance, SettlementPayout, SettlementPayoutConnection, SettlementReport, SettlementReportLine, SettlementRun, SettlementTerms } from './settlement-payout.type.js';

const merchantsAndStaff = [Role.MERCHANT, ...staffRoles];

/** Whether the caller sees a payout: staff, or a user of its merchant. */
async function canSee(context: GraphQLContext, row: SettlementPayoutRow): Promise<boolean> {
  const mine = await merchantScope(context);
  return mine === undefined || mine.includes(String(row.merchantId));
}

export const settlementPayoutNodes: Partial<Record<IdType, NodeFetcher>> = {
  SettlementPayout: async (id, context) => {
    const row = await context.loaders.settlementPayout.load(id);
    return row && (await canSee(context, row)) ? SettlementPayout.from(row) : null;
  },
};

@Resolver(() => SettlementPayout)
export class SettlementPayoutResolver {
  @Authorized(...merchantsAndStaff)
  @Query(() => SettlementPayoutConnection, { description: 'Settlement payouts, newest first; at most 100 a page. MERCHANT users see their merchants’; staff all. Errors: BAD_USER_INPUT.' })
  async settlementPayouts(
    @Ctx() context: GraphQLContext,
    @Arg('filter', () => SettlementPayoutFilterInput, { nullable: true }) filter?: SettlementPayoutFilterInput,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100; default 20.' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<SettlementPayoutConnection> {
    const id = (type: IdType, value: string | undefined, field: string) => (value == null ? undefined : fromGlobalId(type, value, field));
    const merchantIds = await scopedMerchants(context, id('Merchant', filter?.merchantId, 'filter.merchantId'));
    const page = await context.settlement.queries.payouts(context.em, {
      merchantIds, processorId: id('Processor', filter?.processorId, 'filter.processorId'), runId: id('SettlementRun', filter?.runId, 'filter.runId'), status: filter?.status ?? undefined,
    }, pageSize(first), decodeCursor(after));
    return toConnection(page, SettlementPayout.from);
  }

  @Authorized(...staffRoles)
  @Mutation(() => SettlementRun, {
    description: 'Pays out, for one processor and currency, the whole available balance of every merchant with at least its minimum, and returns the run COMPLETED; each payout waits for the processor’s payout.paid or payout.failed (staff). The same `runKey` returns the same run. Errors: BAD_USER_INPUT, INVALID_AMOUNT, AMOUNT_NOT_POSITIVE, AMOUNT_OUT_OF_RANGE, INVALID_CURRENCY, NOT_FOUND, IDEMPOTENCY_KEY_REUSED.',
  })
  async runSettlementPayouts(@Arg('input', () => RunSettlementPayoutsInput) input: RunSettlementPayoutsInput, @Ctx() context: GraphQLContext): Promise<SettlementRun> {
    const processorId = fromGlobalId('Processor', input.processorId, 'processorId');
    return SettlementRun.from(await context.settlement.runs.run({ ...input, processorId, startedById: context.principal?.userId ?? null }));
  }

  @Authorized(...staffRoles)
  @Mutation(() => SettlementTerms, { description: 'Sets a merchant’s maturity window and payout minimum (staff); each null is the gateway’s default. Errors: BAD_USER_INPUT, INVALID_AMOUNT, AMOUNT_NOT_POSITIVE, AMOUNT_OUT_OF_RANGE, NOT_FOUND.' })
  async setSettlementTerms(@Arg('input', () => SetSettlementTermsInput) input: SetSettlementTermsInput, @Ctx() context: GraphQLContext): Promise<SettlementTerms> {
    const merchantId = fromGlobalId('Merchant', input.merchantId, 'merchantId');
    const row = await context.settlement.terms.set({ merchantId, maturityHours: input.maturityHours ?? null, payoutMinimum: input.payoutMinimum ?? null });
    return SettlementTerms.from(merchantId, row, context.settlement.terms.defaultMaturityHours);
  }

  @FieldResolver(() => SettlementReport, { description: 'What the payout covers: the charges (gross and fee), refunds, disputes and returned payouts, summing exactly to its amount.' })
  async report(@Root() payout: SettlementPayout, @Ctx() context: GraphQLContext): Promise<SettlementReport> {
    const currency = payout.amount.currency;
    const lines = (await context.settlement.queries.reportLines(context.em, payout.row.id)).map((line) => Object.assign(new SettlementReportLine(), {
      kind: line.kind, amount: Money.of(BigInt(line.amount), currency), chargeId: line.charge_id, disputeId: line.dispute_id,
      gross: line.gross === null ? null : Money.of(BigInt(line.gross), currency), fee: line.fee === null ? null : Money.of(BigInt(line.fee), currency),
      entryId: line.entry_id ? `ent_${line.entry_id}` : null, at: new Date(line.at),
    }));
    const total = (kinds: SettlementItemKind[], value: (line: SettlementReportLine) => bigint) => Money.of(lines.filter((l) => kinds.includes(l.kind)).reduce((sum, l) => sum + value(l), 0n), currency);
    const amountOf = (line: SettlementReportLine) => BigInt(line.amount.amount);
    const matured = [SettlementItemKind.CHARGE_MATURED];
    return Object.assign(new SettlementReport(), {
      amount: payout.amount, lines, charges: lines.filter((l) => l.kind === SettlementItemKind.CHARGE_MATURED).length,
      gross: total(matured, (l) => BigInt(l.gross!.amount)), fees: total(matured, (l) => BigInt(l.fee!.amount)),
      refunds: total([SettlementItemKind.REFUND], amountOf), disputes: total([SettlementItemKind.DISPUTE_HELD, SettlementItemKind.DISPUTE_RETURNED], amountOf),
      returned: total([SettlementItemKind.PAYOUT_RETURNED], amountOf),
    });
  }
}

@Resolver(() => Merchant)
export class MerchantSettlementResolver {
  @FieldResolver(() => [SettlementBalance], { description: 'Its settlement at each processor and currency it has had a charge at: immature, available, owed, held, in payout and paid; at `asOf` when given (backdated entries included).' })
  async settlementBalances(@Root() merchant: Merchant, @Ctx() context: GraphQLContext, @Arg('asOf', () => Date, { nullable: true }) asOf?: Date): Promise<SettlementBalance[]> {
    if (asOf && Number.isNaN(asOf.getTime())) throw InputError.badInput('asOf is not a valid time', 'asOf');
    const places = await context.loaders.settlementPlaces.load(merchant.row.id);
    const codes = places.flatMap((place) => { const c = settlementAccounts(place.processorId, place.merchantId, place.currency); return [c.immature, c.available, c.held, c.inPayout]; });
    const rows = new Map((await context.queries.accountsByCodes(context.em, codes)).map((row) => [row.code, row]));
    return Promise.all(places.map((place) => balanceAt(context, place, rows, asOf ?? null)));
  }

  @FieldResolver(() => SettlementTerms, { description: 'Its settlement terms as they apply: its own, or the gateway’s defaults.' })
  async settlementTerms(@Root() merchant: Merchant, @Ctx() context: GraphQLContext): Promise<SettlementTerms> {
    return SettlementTerms.from(merchant.row.id, (await context.loaders.settlementTerms.load(merchant.row.id)) ?? null, context.settlement.terms.defaultMaturityHours);
  }
}

/** A merchant's settlement at one processor and currency: its accounts' posted balances (`rows`, by code), now or at `asOf`. */
async function balanceAt(context: GraphQLContext, place: SettlementPlace, rows: Map<string, AccountRow>, asOf: Date | null): Promise<SettlementBalance> {
  const codes = settlementAccounts(place.processorId, place.merchantId, place.currency);
  const posted = async (code: string): Promise<bigint> => {
    const row = rows.get(code);
    if (!row) return 0n;
    return asOf ? (await context.loaders.balanceAsOf.load({ account: row, at: asOf })).posted : currentBalance(row).posted;
  };
  const [immature, available, held, inPayout, paid] = await Promise.all([
    posted(codes.immature), posted(codes.available), posted(codes.held), posted(codes.inPayout), context.settlement.queries.paid(context.em, place, asOf),
  ]);
  const money = (value: bigint) => Money.of(value, place.currency);
  return Object.assign(new SettlementBalance(), {
    processorId: toGlobalId('Processor', place.processorId), currency: place.currency, immature: money(immature), available: money(available > 0n ? available : 0n),
    owed: money(available < 0n ? -available : 0n), held: money(held), inPayout: money(inPayout), paid: money(paid), asOf,
  });
}
