import type pg from 'pg';

export interface ScannedTotals { pd: string; pc: string; qd: string; qc: string }

/**
 * What balance(asOf:) must equal, by its definition: every posting of the accounts summed at the
 * instant. Posted counts the postings effective at or before it; pending, the holds (pending
 * postings) recorded by then and not resolved by then. The scan balance(asOf:) itself ran before
 * balance checkpoints, kept here as the tests' oracle.
 */
export async function scanTotals(client: pg.Client, accountIds: readonly string[], at: Date): Promise<Map<string, ScannedTotals>> {
  const { rows } = await client.query<ScannedTotals & { id: string }>(`
    select a.id::text as id,
      coalesce(sum(p.amount) filter (where not p.pending and p.direction = 'DEBIT' and p.effective_at <= $2), 0)::text as pd,
      coalesce(sum(p.amount) filter (where not p.pending and p.direction = 'CREDIT' and p.effective_at <= $2), 0)::text as pc,
      coalesce(sum(p.amount) filter (where p.pending and p.direction = 'DEBIT' and e.recorded_at <= $2
        and (e.resolved_at is null or e.resolved_at > $2)), 0)::text as qd,
      coalesce(sum(p.amount) filter (where p.pending and p.direction = 'CREDIT' and e.recorded_at <= $2
        and (e.resolved_at is null or e.resolved_at > $2)), 0)::text as qc
    from unnest($1::bigint[]) as a(id)
    left join ledger_posting p on p.account_id = a.id left join ledger_entry e on e.id = p.entry_id
    group by a.id`, [[...accountIds], at.toISOString()]);
  return new Map(rows.map(({ id, ...totals }) => [id, totals]));
}
