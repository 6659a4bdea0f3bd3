import pg from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modules } from '../../src/modules.js';
import { openOrm } from '../../src/platform/db/orm.js';
import { totalsAsOf, verifyCheckpoints } from '../../src/ledger/balance-history.queries.js';
import type { LedgerDatabase } from '../../src/ledger/ledger.db.js';
import { scanTotals } from '../testkit/balance-scan.js';
import { createDatabase } from '../testkit/databases.js';
import { startTestGateway } from '../testkit/gateway.js';
import { balanceOf, transfer, voidPending, VerifyLedger } from '../testkit/ledger-fixtures.js';

/**
 * The checkpoints migration on a ledger that already has postings: a database migrated to the one
 * before, 1,800 entries written into it as the ledger of then wrote them (posted, held, voided;
 * several effective at one instant), then the rest of the migrations. Checkpoints must exist, agree
 * with verifyLedger's recomputation, give every past balance the old scan gave, and the writer must
 * carry on from them.
 */
const before = 'Migration20261122075017_wallets_payouts';
let orm: MikroORM;
let client: pg.Client;
let url: string;
let dropDatabase: (() => Promise<void>) | undefined;
const ids: { wallet: string; bank: string } = { wallet: '', bank: '' };

beforeAll(async () => {
  const fresh = await createDatabase('cpmig');
  url = fresh.url;
  dropDatabase = fresh.drop;
  orm = await openOrm(url, 2, modules.entities);
  await orm.migrator.up({ to: before });
  client = new pg.Client({ connectionString: url });
  await client.connect();
  const opened = await client.query<{ id: string }>(`insert into ledger_account (code, name, type, currency, negative_balance)
    values ('mig:wallet', 'Wallet', 'LIABILITY', 'USD', 'FORBID'), ('mig:bank', 'Bank', 'ASSET', 'USD', 'ALLOW') returning id::text`);
  [ids.wallet, ids.bank] = opened.rows.map((row) => row.id);
  // Every sixth entry a hold (every twelfth voided three hours after it was recorded); 600 instants for 1,800 entries.
  await client.query(`insert into ledger_entry (idempotency_key, status, effective_at, recorded_at, resolved_at)
    select 'mig-' || g, (case when g % 12 = 0 then 'VOIDED' when g % 6 = 0 then 'PENDING' else 'POSTED' end)::entry_status,
      timestamptz '2026-01-01' + (g * 7919 % 600) * interval '1 hour', timestamptz '2026-01-01' + g * interval '10 minutes',
      case when g % 12 = 0 then timestamptz '2026-01-01' + g * interval '10 minutes' + interval '3 hours' end
    from generate_series(1, 1800) g`);
  await client.query(`insert into ledger_posting (entry_id, account_id, direction, amount, currency, pending, effective_at)
    select e.id, x.account, x.direction::posting_direction, 1 + e.id % 97, 'USD', e.status <> 'POSTED', e.effective_at
    from ledger_entry e cross join (values ($1::bigint, 'CREDIT'), ($2::bigint, 'DEBIT')) as x(account, direction)
    where e.idempotency_key like 'mig-%'`, [ids.wallet, ids.bank]);
  await client.query(`update ledger_account a set
    posted_debits = coalesce((select sum(amount) from ledger_posting p where p.account_id = a.id and not p.pending and p.direction = 'DEBIT'), 0),
    posted_credits = coalesce((select sum(amount) from ledger_posting p where p.account_id = a.id and not p.pending and p.direction = 'CREDIT'), 0),
    pending_debits = coalesce((select sum(amount) from ledger_posting p join ledger_entry e on e.id = p.entry_id
      where p.account_id = a.id and e.status = 'PENDING' and p.direction = 'DEBIT'), 0),
    pending_credits = coalesce((select sum(amount) from ledger_posting p join ledger_entry e on e.id = p.entry_id
      where p.account_id = a.id and e.status = 'PENDING' and p.direction = 'CREDIT'), 0)`);
  await orm.migrator.up();
}, 120_000);
afterAll(async () => {
  await client?.end();
  await orm?.close();
  await dropDatabase?.();
});

describe('the checkpoints migration', () => {
  it('builds the checkpoints of the postings already there, as verifyLedger recomputes them', async () => {
    const db = orm.em.fork().getKysely<LedgerDatabase>();
    expect(await verifyCheckpoints(db)).toEqual({ mismatches: [], holdTimeMismatchPostingIds: [] });
    // 1,800 postings, 300 holds and 150 releases per account: more than 1,000 changes, cut every 500.
    const { rows } = await client.query<{ account_id: string; n: number; first: string }>(`select account_id::text, count(*)::int as n,
      min(at)::text as first from ledger_balance_checkpoint group by account_id order by account_id`);
    expect(rows).toEqual([ids.wallet, ids.bank].sort().map((id) => ({ account_id: id, n: 5, first: '-infinity' })));
  });

  it('gives every past balance the scan gave', async () => {
    const db = orm.em.fork().getKysely<LedgerDatabase>();
    // Around every checkpoint, and around every 40th instant a balance changed at.
    const { rows } = await client.query<{ ms: string; checkpoint: boolean }>(`select floor(extract(epoch from t) * 1000)::bigint::text as ms, bool_or(checkpoint) as checkpoint from (
      select at as t, true as checkpoint from ledger_balance_checkpoint where at > '-infinity'
      union all select effective_at, false from ledger_entry union all select recorded_at, false from ledger_entry
      union all select resolved_at, false from ledger_entry where resolved_at is not null) x group by 1 order by 1`);
    const instants = rows.filter((row, i) => row.checkpoint || i % 40 === 0).flatMap((row) => [Number(row.ms) - 1, Number(row.ms), Number(row.ms) + 1]);
    expect(instants.length).toBeGreaterThan(150);
    for (const ms of instants) {
      const at = new Date(ms);
      const read = new Map((await totalsAsOf(db, [ids.wallet, ids.bank], at)).map(({ id, ...totals }) => [id, totals]));
      expect(read, at.toISOString()).toEqual(await scanTotals(client, [ids.wallet, ids.bank], at));
    }
  });

  it('lets the writer carry on from them: a backdated entry and a void keep them exact', async () => {
    const gw = await startTestGateway({ DATABASE_URL: url });
    try {
      const wallet = `acc_${ids.wallet}`;
      const bank = `acc_${ids.bank}`;
      expect((await transfer(gw, bank, wallet, '1000', 'USD', { effectiveAt: '2026-01-03T00:00:00.000Z' })).errors).toBeUndefined();
      const { rows: [hold] } = await client.query<{ id: string }>(`select id::text from ledger_entry where status = 'PENDING' order by id limit 1`);
      expect((await voidPending(gw, `ent_${hold.id}`)).errors).toBeUndefined();
      const verified = await gw.request(VerifyLedger);
      expect(verified.data!.verifyLedger).toMatchObject({ ok: true, mismatches: [] });
      for (const iso of ['2026-01-02T23:59:59.999Z', '2026-01-03T00:00:00.000Z', '2026-01-20T00:00:00.000Z', new Date(Date.now() + 60_000).toISOString()]) {
        const scanned = (await scanTotals(client, [ids.wallet], new Date(iso))).get(ids.wallet)!;
        const posted = BigInt(scanned.pc) - BigInt(scanned.pd);
        expect((await balanceOf(gw, wallet, iso)).posted, iso).toBe(String(posted));
      }
    } finally {
      await gw.close();
    }
  });
});
