import type { EntityManager } from '@mikro-orm/postgresql';
import { IsolationLevel } from '@mikro-orm/core';
import { sql, type Kysely } from 'kysely';
import { AccountType, postedTotalsAt } from '../ledger/index.js';
import { journalNames, type JournalAccount } from './journal-names.js';

export type JournalFormat = 'ledger' | 'beancount';

/** What an export covers: entries effective in [from, to) (UTC days), and the opening balances before `from`. */
export interface JournalAsk { format: JournalFormat; from: Date | null; to: Date }

interface EntryPage { opening?: string; id: string; day: string; description: string; metadata: Record<string, unknown>; reverses: string | null; closing: boolean; postings: { a: string; d: 'DEBIT' | 'CREDIT'; m: string; c: string }[] }

/** Entries read a page at a time. */
const pageSize = 1_000;

const exponents = new Map<string, number>();
/** The currency's minor-unit exponent (2 for USD, 0 for JPY, 3 for BHD), from ICU's data. */
function exponentOf(currency: string): number {
  let exponent = exponents.get(currency);
  if (exponent === undefined) {
    exponent = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    exponents.set(currency, exponent);
  }
  return exponent;
}

/** Minor units as an exact decimal in major units: 1050 USD → "10.50", -5 USD → "-0.05", 7 JPY → "7". */
export function majorUnits(minor: bigint, currency: string): string {
  const exponent = exponentOf(currency);
  const sign = minor < 0n ? '-' : '';
  const digits = (minor < 0n ? -minor : minor).toString().padStart(exponent + 1, '0');
  return exponent === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

const oneLine = (text: string) => text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
const tagKey = (key: string) => { const safe = key.replace(/[^A-Za-z0-9_-]/g, '_'); return /^[a-z]/.test(safe) ? safe : `x${safe}`; };
const tagValue = (value: unknown) => oneLine(typeof value === 'string' ? value : JSON.stringify(value) ?? '');
const quoted = (text: string) => `"${oneLine(text).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** The tags of an entry: its id, what it reverses, whether a period close posted it, and its metadata's top-level keys. */
function tagsOf(entry: EntryPage): [string, string][] {
  if (entry.opening) return [['folio-opening', entry.opening]];
  const tags: [string, string][] = [['folio-entry', `ent_${entry.id}`]];
  if (entry.reverses) tags.push(['folio-reverses', `ent_${entry.reverses}`]);
  if (entry.closing) tags.push(['folio-closing', 'true']);
  for (const [key, value] of Object.entries(entry.metadata ?? {})) tags.push([tagKey(key), tagValue(value)]);
  return tags;
}

/** One entry as a transaction of `format`. */
function transaction(format: JournalFormat, entry: EntryPage, names: ReadonlyMap<string, string>): string {
  const tags = tagsOf(entry);
  const lines = entry.postings.map((p) => `  ${names.get(p.a)}  ${majorUnits(p.d === 'DEBIT' ? BigInt(p.m) : -BigInt(p.m), p.c)} ${p.c}`);
  if (format === 'beancount') {
    return [`${entry.day} * ${quoted(entry.description || `Entry ${entry.id}`)}`, ...tags.map(([k, v]) => `  ${k}: ${quoted(v)}`), ...lines, ''].join('\n');
  }
  // hledger/ledger: the description ends at a semicolon, tags are `name:value` separated by commas.
  const description = oneLine(entry.description || `Entry ${entry.id}`).replace(/;/g, ',');
  return [`${entry.day} * ${description}`, ...tags.map(([k, v]) => `    ; ${k}:${v.replace(/,/g, ' ')}`), ...lines.map((line) => `  ${line}`), ''].join('\n');
}

const hledgerTypes: Record<AccountType, string> = { ASSET: 'A', LIABILITY: 'L', EQUITY: 'E', REVENUE: 'R', EXPENSE: 'X' };

/** The account declarations: hledger's `account … ; type:` and beancount's `open`, one per account. */
function header(format: JournalFormat, ask: JournalAsk, accounts: readonly JournalAccount[], names: ReadonlyMap<string, string>): string {
  const span = `${ask.from ? day(ask.from) : 'the beginning'} to ${day(ask.to)} (exclusive)`;
  if (format === 'beancount') {
    return [`; Folio ledger export: entries effective ${span}, amounts in major units.`, 'option "title" "Folio ledger"', '',
      ...accounts.map((a) => `1970-01-01 open ${names.get(a.id)} ${a.currency}\n  folio-account: ${quoted(`acc_${a.id}`)}\n  folio-code: ${quoted(a.code)}`), ''].join('\n');
  }
  return [`; Folio ledger export: entries effective ${span}, amounts in major units.`, '',
    ...accounts.map((a) => `account ${names.get(a.id)}  ; type:${hledgerTypes[a.type]}, folio-account:acc_${a.id}`), ''].join('\n');
}

const day = (at: Date) => at.toISOString().slice(0, 10);

/** The balances before `from`, one transaction per currency dated the day before, so balances after it are whole. */
async function openingBalances(db: Kysely<any>, ask: JournalAsk, names: ReadonlyMap<string, string>): Promise<string[]> {
  if (!ask.from) return [];
  const rows = await postedTotalsAt(db as never, {}, ask.from, 'before');
  const byCurrency = new Map<string, EntryPage['postings']>();
  for (const row of rows) {
    const net = BigInt(row.debits) - BigInt(row.credits);
    if (net === 0n) continue;
    byCurrency.set(row.currency, [...(byCurrency.get(row.currency) ?? []), { a: row.id, d: net > 0n ? 'DEBIT' : 'CREDIT', m: String(net > 0n ? net : -net), c: row.currency }]);
  }
  const before = day(new Date(ask.from.getTime() - 86_400_000));
  return [...byCurrency].sort(([a], [b]) => (a < b ? -1 : 1)).map(([currency, postings]) =>
    transaction(ask.format, { opening: currency, id: '', day: before, description: `Opening balances (${currency}) before ${day(ask.from!)}`, metadata: {}, reverses: null, closing: false, postings }, names));
}

async function entryPage(db: Kysely<any>, ask: JournalAsk, after: { at: string; id: string } | null): Promise<(EntryPage & { at: string })[]> {
  const { rows } = await sql<EntryPage & { at: string }>`
    select e.id::text as id, to_char(e.effective_at at time zone 'UTC', 'YYYY-MM-DD') as day, e.effective_at::text as at, e.description, e.metadata,
      e.reverses_entry_id::text as reverses, exists (select 1 from reports_closing_entry c where c.entry_id = e.id) as closing,
      (select json_agg(json_build_object('a', p.account_id::text, 'd', p.direction, 'm', p.amount::text, 'c', p.currency) order by p.id)
        from ledger_posting p where p.entry_id = e.id) as postings
    from ledger_entry e
    where e.status = 'POSTED' and e.effective_at < ${ask.to.toISOString()}::timestamptz
      and (${ask.from?.toISOString() ?? null}::timestamptz is null or e.effective_at >= ${ask.from?.toISOString() ?? null}::timestamptz)
      and (${after?.at ?? null}::timestamptz is null or (e.effective_at, e.id) > (${after?.at ?? null}::timestamptz, ${after?.id ?? null}::bigint))
    order by e.effective_at, e.id limit ${pageSize}`.execute(db);
  return rows;
}

/**
 * The ledger as a plain-text journal, a chunk at a time (`write` resolves once the chunk may be
 * followed by another: the caller's backpressure). Read in one REPEATABLE READ snapshot, so an
 * entry committed while the export runs is either all in it or not at all, and the opening
 * balances agree with the entries after them. Only POSTED entries: pending holds move no posted
 * balance. Ends with a line that says how many entries it holds, so a cut-off download shows.
 */
export async function exportJournal(em: EntityManager, ask: JournalAsk, write: (chunk: string) => Promise<void>): Promise<number> {
  return em.fork().transactional(async (tem) => {
    const db = (tem as EntityManager).getKysely() as Kysely<any>;
    const { rows: accounts } = await sql<JournalAccount>`
      select a.id::text as id, a.code, a.name, a.type::text as type, a.currency::text as currency, a.parent_id::text as "parentId" from ledger_account a order by a.id`.execute(db);
    const names = journalNames(accounts);
    await write(header(ask.format, ask, accounts, names));
    for (const opening of await openingBalances(db, ask, names)) await write(`\n${opening}`);
    let count = 0;
    for (let after: { at: string; id: string } | null = null; ;) {
      const page = await entryPage(db, ask, after);
      if (page.length === 0) break;
      await write(page.map((entry) => `\n${transaction(ask.format, entry, names)}`).join(''));
      count += page.length;
      after = { at: page[page.length - 1].at, id: page[page.length - 1].id };
    }
    await write(`\n; end of Folio export: ${count} entries\n`);
    return count;
  }, { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true });
}
