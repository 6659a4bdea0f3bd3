import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Kysely } from 'kysely';
import { closedThroughNow } from '../ledger/index.js';
import { isStaff, principalLabel } from '../platform/auth/principal.js';
import { Role, staffRoles } from '../platform/auth/roles.js';
import type { GraphQLContext } from '../platform/graphql/context.js';
import type { NodeFetcher } from '../platform/graphql/node.type.js';
import type { IdType } from '../platform/ids.js';
import { ClosingEntryEntity, PeriodCloseEntity, type ClosingEntryRow, type PeriodCloseRow } from './period.entity.js';
import { periodOf, previousPeriod, type Period } from './period.js';
import { AccountingPeriod, AccountingPeriods, ClosePeriodInput, PeriodClose, PeriodCloseResult, PeriodStatus, ReopenPeriodInput } from './period.type.js';
import { reportsLimits } from './reports.config.js';
import { ReportsError } from './reports.errors.js';

/** The closes given with their closing entries, in one query for all of them. */
async function withEntries(em: EntityManager, closes: readonly PeriodCloseRow[]): Promise<PeriodClose[]> {
  const entries = closes.length ? await em.find(ClosingEntryEntity, { closeId: { $in: closes.map((c) => c.id) } }, { orderBy: { entryId: 'asc' } }) : [];
  const byClose = new Map<string, ClosingEntryRow[]>();
  for (const entry of entries) byClose.set(String(entry.closeId), [...(byClose.get(String(entry.closeId)) ?? []), entry]);
  return closes.map((close) => PeriodClose.from(close, byClose.get(close.id) ?? []));
}

export const reportsNodes: Partial<Record<IdType, NodeFetcher>> = {
  PeriodClose: async (id, context) => {
    if (!isStaff(context.principal)) return null;
    const close = await context.em.findOne(PeriodCloseEntity, { id });
    return close ? (await withEntries(context.em, [close]))[0] : null;
  },
};

const result = async (em: EntityManager, done: { close: PeriodCloseRow; replayed: boolean }) =>
  Object.assign(new PeriodCloseResult(), { close: (await withEntries(em, [done.close]))[0], replayed: done.replayed });

@Resolver()
export class PeriodResolver {
  @Authorized(...staffRoles)
  @Query(() => AccountingPeriods, { description: 'The last `last` accounting periods up to the current one (newest first), each OPEN or CLOSED with its closes. Finance and admin only. Errors: BAD_USER_INPUT.' })
  async accountingPeriods(
    @Arg('last', () => Int, { defaultValue: 12, description: `How many periods, 1 to ${reportsLimits.periodsListedMax}.` }) last: number,
    @Ctx() context: GraphQLContext,
  ): Promise<AccountingPeriods> {
    if (!Number.isInteger(last) || last < 1 || last > reportsLimits.periodsListedMax) throw ReportsError.badInput(`last is 1 to ${reportsLimits.periodsListedMax}`, 'last');
    const kind = context.reports.periodKind;
    const periods: Period[] = [periodOf(kind, new Date())];
    while (periods.length < last) periods.push(previousPeriod(kind, periods[periods.length - 1]));
    const closedThrough = await closedThroughNow(context.em.getKysely() as Kysely<any>);
    const closes = await withEntries(context.em, await context.em.find(PeriodCloseEntity, { period: { $in: periods.map((p) => p.name) } }, { orderBy: { id: 'desc' } }));
    return Object.assign(new AccountingPeriods(), {
      closedThrough, periodKind: kind,
      periods: periods.map((period) => Object.assign(new AccountingPeriod(), {
        name: period.name, startsAt: period.start, endsAt: period.end,
        status: closedThrough && period.end.getTime() <= closedThrough.getTime() ? PeriodStatus.CLOSED : PeriodStatus.OPEN,
        closes: closes.filter((close) => close.period === period.name),
      })),
    });
  }

  @Authorized(...staffRoles)
  @Mutation(() => PeriodCloseResult, { description: 'Closes an ended period, the one after the last closed: each currency’s revenue and expense balances move into `equity:retained-earnings:<currency>` by closing entries at its last millisecond, and from then on anything taking effect in it is refused with PERIOD_CLOSED. Finance and admin only. Errors, in precedence: BAD_USER_INPUT, IDEMPOTENCY_KEY_REUSED, PERIOD_NOT_ENDED, PERIOD_ALREADY_CLOSED, PERIOD_OUT_OF_ORDER; ACCOUNT_FROZEN or ACCOUNT_CLOSED when a revenue or expense account refuses its closing posting.' })
  async closePeriod(@Arg('input') input: ClosePeriodInput, @Ctx() context: GraphQLContext): Promise<PeriodCloseResult> {
    return result(context.em, await context.reports.periods.close(context.em, { ...input, by: principalLabel(context.principal) }));
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => PeriodCloseResult, { description: 'Reopens the last closed period, with a reason: its closing entries are reversed (at their own time) and entries may take effect in it again. Admin only. Errors, in precedence: BAD_USER_INPUT, IDEMPOTENCY_KEY_REUSED, PERIOD_NOT_CLOSED, PERIOD_OUT_OF_ORDER.' })
  async reopenPeriod(@Arg('input') input: ReopenPeriodInput, @Ctx() context: GraphQLContext): Promise<PeriodCloseResult> {
    return result(context.em, await context.reports.periods.reopen(context.em, { ...input, by: principalLabel(context.principal) }));
  }
}
