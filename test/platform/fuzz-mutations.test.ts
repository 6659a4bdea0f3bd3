import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/platform/auth/roles.js';
import { startTestGateway, type TestGateway } from '../testkit/gateway.js';
import { privateDatabase, type PrivateDatabase } from '../testkit/private-database.js';
import { caseArbitrary, runCase, sweepCases, targetOf, type Failure, type Target } from './fuzz-run.js';
import { documentOf, rootFields, type Root } from './fuzz-schema.js';
import { changedTables, TableWatch } from './fuzz-tables.js';
import { FuzzWorld } from './fuzz-world.js';

// Fuzzes every root field of schema.graphql (so an operation a new module adds is fuzzed with no
// change here) from its argument types: a valid base input with one slot poisoned (NUL, lone
// surrogates, control characters, emoji, long and blank text, extreme amounts and cursors, times
// outside years 1-9999, deep or odd JSON, wrong types, explicit nulls), sent as a client would:
// over HTTP, or graphql-ws for subscriptions, as a caller the access matrix allows. No answer may
// be a 5xx, INTERNAL_SERVER_ERROR or an error without a code, and a refused input must change no
// table: the gateway runs on a database of this file's own, so any change is the suite's.
// Each field gets a sweep first (every slot meets each of issue 10's poisons once, whatever the
// seed), then FUZZ_RUNS random cases (default 5). FUZZ_SEED reproduces a run; FUZZ_ONLY=a,b fuzzes
// only the root fields named.

const seed = Number(process.env.FUZZ_SEED ?? 20_261_202);
const runs = Number(process.env.FUZZ_RUNS ?? 5);
const only = process.env.FUZZ_ONLY;

let db: PrivateDatabase;
let gw: TestGateway;
let watch: TableWatch;
let world: FuzzWorld;
const noise: string[] = [];

beforeAll(async () => {
  console.log(`fuzz: seed ${seed} (FUZZ_SEED), ${runs} random cases per field (FUZZ_RUNS)`);
  db = await privateDatabase('fuzz');
  // Payouts stay in their cancellation window and logins are never locked out, so that no worker
  // acts long after a case, and later cases still get past the login limiter.
  gw = await startTestGateway({ DATABASE_URL: db.url, PAYOUT_CANCEL_WINDOW_SECONDS: String(7 * 86_400), LOGIN_FAILURES_MAX: '1000' });
  watch = await TableWatch.open(db.url);
  world = await FuzzWorld.create(gw);
});

afterAll(async () => {
  if (noise.length > 0) console.log(`fuzz: ${noise.length} refused case(s) saw a worker's write and were clean when run again:\n  ${noise.join('\n  ')}`);
  await watch?.close();
  await gw?.close();
  await db?.drop();
});

function report(target: Target, failures: Failure[]): string {
  const byKey = new Map<string, { count: number; detail: string }>();
  for (const failure of failures) {
    const seen = byKey.get(failure.key);
    byKey.set(failure.key, { count: (seen?.count ?? 0) + 1, detail: seen?.detail ?? failure.detail });
  }
  const lines = [...byKey].map(([key, { count, detail }]) => `${key} (x${count})\n    ${detail}`);
  return `${target.root}.${target.field.name}: ${failures.length} failing case(s), seed ${seed}\n${lines.join('\n')}`;
}

async function fuzz(target: Target): Promise<Failure[]> {
  const failures: Failure[] = [];
  const stats = new Map<string, number>();
  const property = fc.asyncProperty(caseArbitrary(target), async (c) => {
    failures.push(...await runCase(world, watch, target, c, noise, stats));
  });
  // fast-check counts the examples in numRuns: the sweep first, then `runs` random cases.
  const sweep = sweepCases(target);
  await fc.assert(property, { seed, numRuns: sweep.length + runs, examples: sweep.map((c) => [c]), endOnFailure: true });
  console.log(`fuzz: ${target.root}.${target.field.name}: ${[...stats].sort().map(([k, n]) => `${k} ${n}`).join(', ')}`);
  return failures;
}

/** A field without arguments has nothing to poison: it is called once by a fresh user of each allowed role. */
async function callBare(target: Target): Promise<string[]> {
  const problems: string[] = [];
  for (const kind of target.callers) {
    const fresh = kind === 'anonymous' ? undefined : await gw.user(Role[kind], `fz-bare-${kind.toLowerCase()}`);
    const document = documentOf(target.root, target.field, {});
    const answer = target.root === 'Subscription' ? await world.subscribe(kind, document, {}) : await world.send(kind, document, {}, fresh);
    if (answer.status >= 500 || answer.text.includes('INTERNAL_SERVER_ERROR')) problems.push(`${kind}: HTTP ${answer.status} ${answer.text.slice(0, 200)}`);
  }
  return problems;
}

// The check of "nothing written" is only as good as the watch: it must see a new row and a changed one.
describe('the table watch', () => {
  it('sees nothing when nothing is written, an insert, and an update that keeps the count', async () => {
    await watch.settle(500);
    const quiet = await watch.snapshot();
    expect(changedTables(quiet, await watch.snapshot())).toEqual([]);
    const account = await world.account();
    await watch.settle(500);
    const opened = await watch.snapshot();
    expect(changedTables(quiet, opened).join('\n')).toMatch(/^ledger_account (\d+):\d+ -> (?!\1:)\d+:/m);
    await world.call('FINANCE', 'mutation FuzzRename($input: UpdateAccountInput!) { updateAccount(input: $input) { __typename id } }', { input: { id: account, name: 'Renamed' } });
    await watch.settle(500);
    expect(changedTables(opened, await watch.snapshot()).join('\n')).toMatch(/^ledger_account (\d+):\d+ -> \1:\d+$/m);
  });
});

for (const root of ['Mutation', 'Query', 'Subscription'] as Root[]) {
  describe(`fuzzing every ${root.toLowerCase()}'s arguments`, () => {
    for (const field of rootFields(root).filter((f) => !only || only.split(',').includes(f.name))) {
      it(field.name, async () => {
        const target = targetOf(root, field);
        if (target.slots.length === 0) {
          expect(await callBare(target)).toEqual([]);
          return;
        }
        // A payout of "all of it", or a payout run, may have emptied the callers' wallets.
        if (root === 'Mutation') for (const kind of ['CUSTOMER', 'MERCHANT', 'FINANCE', 'ADMIN'] as const) await world.topUp(kind);
        const failures = await fuzz(target);
        expect(failures, report(target, failures)).toEqual([]);
      });
    }
  });
}
