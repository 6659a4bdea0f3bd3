import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// `select id::text ... order by id` sorts by the text the query selects ('10' before '9'), not by
// the number: PostgreSQL's ORDER BY takes an output column's name first. It broke the outbox's
// retention (it deleted an event still inside the time window past a digit boundary), the broker
// publisher's order, a settlement wake's keyset pages and two lock orders. Every query orders by
// a qualified column (`order by e.id`) instead; this test keeps it so.
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The names a query's select list gives text casts (`x::text`, `x::text as y`, `a.x::text as "y"`). */
function textNames(query: string): Set<string> {
  const names = new Set<string>();
  for (const match of query.matchAll(/::text\s+as\s+"?(\w+)"?/g)) names.add(match[1]);
  for (const match of query.matchAll(/(?<![\w.])(\w+)::text(?!\s+as)\s*(?:,|\n|$)/g)) names.add(match[1]);
  return names;
}

/** `order by` lists naming one of them bare (not `table.name`, not an expression of it). */
function offenders(query: string): string[] {
  const names = textNames(query);
  return [...query.matchAll(/order by ([^\n)`;]*)/gi)].flatMap(([, list]) =>
    list.split(',').map((item) => item.trim().split(/\s+/)[0]).filter((item) => names.has(item)));
}

describe('the SQL in src/', () => {
  it('regression: no query orders by a name its select list gives a ::text cast', () => {
    const found: string[] = [];
    for (const file of sources('src')) {
      const text = readFileSync(file, 'utf8');
      for (const [query] of text.matchAll(/`[^`]*`/gs)) {
        if (!/select/i.test(query)) continue;
        for (const name of offenders(query)) found.push(`${file}: order by ${name}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('finds the mistake it is there for', () => {
    expect(offenders('select seq::text as seq from ledger_event order by seq limit 1')).toEqual(['seq']);
    expect(offenders('select id::text, code from t order by id for update')).toEqual(['id']);
    expect(offenders('select e.seq::text as seq from ledger_event e order by e.seq')).toEqual([]);
  });
});
