import fc from 'fast-check';
import type { GraphQLField } from 'graphql';
import { accessMatrix, callers, type CallerKind } from '../access/access-matrix.js';
import { baseArgs, withPath, type BaseContext } from './fuzz-inputs.js';
import { describePoison, poisonsFor, poisonValue, sweepPoisons, type Poison } from './fuzz-poisons.js';
import { documentOf, getAt, inlineDocumentOf, setAt, slotsOf, type Root, type Slot } from './fuzz-schema.js';
import { changedTables, type TableWatch } from './fuzz-tables.js';
import type { Answer, FuzzWorld } from './fuzz-world.js';

/** One fuzz case: who calls, which slot gets which poison, a choice among valid bases, and whether the input is written in the document. */
export interface Case {
  caller: CallerKind;
  slot: number;
  poison: Poison;
  variant: number;
  inline: boolean;
}

/** What went wrong in one case, in a form that groups repeats: root field, slot, family, symptom. */
export interface Failure {
  key: string;
  detail: string;
}

export interface Target {
  root: Root;
  field: GraphQLField<unknown, unknown>;
  slots: Slot[];
  /** The callers the access matrix lets call it (allowed, or on their own things). */
  callers: CallerKind[];
}

export function targetOf(root: Root, field: GraphQLField<unknown, unknown>): Target {
  const row = (accessMatrix as Record<string, Record<string, Record<CallerKind, string>>>)[root]?.[field.name];
  if (!row) throw new Error(`${root}.${field.name} has no row in the access matrix`);
  return { root, field, slots: slotsOf(field), callers: callers.filter((kind) => row[kind] !== 'deny') };
}

export function caseArbitrary(target: Target): fc.Arbitrary<Case> {
  return fc.integer({ min: 0, max: target.slots.length - 1 }).chain((slot) => fc.record({
    caller: fc.constantFrom(...target.callers),
    slot: fc.constant(slot),
    poison: poisonsFor(target.slots[slot].kind),
    variant: fc.nat({ max: 1_000 }),
    inline: fc.integer({ min: 0, max: 9 }).map((n) => n < 3),
  }));
}

/**
 * The base input as the first and the last allowed caller (a customer on its own things, staff on
 * anyone's), then every slot with each of its sweep poisons, callers taken in turn.
 */
export function sweepCases(target: Target): Case[] {
  const bases = [...new Set([target.callers[0], target.callers.at(-1)!])];
  const cases: Case[] = bases.map((caller, variant) => ({ caller, slot: 0, poison: { family: 'none', op: 'keep' }, variant, inline: false }));
  target.slots.forEach((slot, index) => {
    for (const poison of sweepPoisons(slot.kind, slot.name)) {
      cases.push({ caller: target.callers[cases.length % target.callers.length], slot: index, poison, variant: cases.length, inline: false });
    }
  });
  return cases;
}

function answerProblems(answer: Answer): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`HTTP ${answer.status}`);
  if (!answer.body) problems.push(`an answer that is not JSON: ${answer.text.slice(0, 80)}`);
  if (answer.text.includes('INTERNAL_SERVER_ERROR')) {
    const error = answer.body?.errors?.find((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR');
    problems.push(`INTERNAL_SERVER_ERROR${error ? ` (${error.message})` : ''}`);
  }
  for (const error of answer.body?.errors ?? []) {
    if (typeof error.extensions?.code !== 'string') problems.push(`an error without a code: ${error.message.slice(0, 80)}`);
  }
  return problems;
}

const refused = (answer: Answer) => (answer.body?.errors?.length ?? 0) > 0;

interface Outcome { answer: Answer; changed: string[]; variables: Record<string, unknown> }

/** How long the database must be still before a case: a short wait first, a long one to confirm a write. */
const quietMs = { first: 40, confirm: 1_000 };

/** Builds the case's input on a fresh valid base, sends it, and says what changed in the database. */
async function attempt(world: FuzzWorld, watch: TableWatch, target: Target, c: Case, quiet: number): Promise<Outcome> {
  const slot = target.slots[c.slot];
  const keep = c.poison.op === 'keep';
  const ctx: BaseContext = { world, caller: c.caller, root: target.root, field: target.field, variant: c.variant, poisoned: keep ? [] : slot.path };
  const base = keep ? await baseArgs(ctx) : await withPath(ctx, await baseArgs(ctx), slot.path);
  const variables = keep ? base : setAt(base, slot.path, poisonValue(c.poison, getAt(base, slot.path))) as Record<string, unknown>;
  const inline = c.inline ? inlineDocumentOf(target.root, target.field, variables) : undefined;
  if (world.dirty || quiet > quietMs.first) { await watch.settle(quiet); world.dirty = false; }
  const before = await watch.snapshot();
  const document = inline ?? documentOf(target.root, target.field, variables);
  const answer = target.root === 'Subscription'
    ? await world.subscribe(c.caller, document, inline ? {} : variables)
    : await world.send(c.caller, document, inline ? {} : variables);
  const changed = changedTables(before, await watch.snapshot());
  if (!refused(answer) && answer.body?.data) world.harvest(answer.body.data, c.caller);
  if (changed.length > 0) world.dirty = true;
  if (c.caller !== 'anonymous' && answer.body?.errors?.some((e) => e.extensions?.code === 'INSUFFICIENT_FUNDS')) await world.topUp(c.caller);
  return { answer, changed, variables };
}

function shown(variables: Record<string, unknown>): string {
  const text = JSON.stringify(variables) ?? '';
  return text.length > 300 ? `${text.slice(0, 300)}...` : text;
}

/**
 * Runs one case and returns its failures: a 5xx, an answer that is no JSON, INTERNAL_SERVER_ERROR,
 * an error without a code, or a refused input after which a table changed. A change may come from
 * a worker still acting on an earlier success, so a refused case that wrote is run again on a
 * fresh base once the database is quiet; only a write both times counts (`noise` counts the rest).
 */
export async function runCase(world: FuzzWorld, watch: TableWatch, target: Target, c: Case, noise: string[], stats: Map<string, number>): Promise<Failure[]> {
  const where = c.poison.op === 'keep' ? `${target.root}.${target.field.name} (base)` : `${target.root}.${target.field.name} ${target.slots[c.slot].path.join('.')}`;
  let outcome = await attempt(world, watch, target, c, quietMs.first);
  const code = outcome.answer.body?.errors?.[0]?.extensions?.code;
  const outcomeKey = `${c.poison.family === 'none' ? 'base ' : ''}${refused(outcome.answer) ? String(code) : 'ok'}`;
  stats.set(outcomeKey, (stats.get(outcomeKey) ?? 0) + 1);
  const failures = answerProblems(outcome.answer).map((problem) => ({ key: `${where} | ${c.poison.family} | ${problem.replace(/\d+/g, 'N').slice(0, 90)}`, detail: problem }));
  if (refused(outcome.answer) && outcome.changed.length > 0) {
    const first = outcome.changed;
    outcome = await attempt(world, watch, target, c, quietMs.confirm);
    if (refused(outcome.answer) && outcome.changed.length > 0) {
      const again = outcome.answer.body?.errors?.[0]?.extensions?.code;
      failures.push({ key: `${where} | ${c.poison.family} | wrote on refusal (${String(again)})`, detail: outcome.changed.join(', ') });
    } else noise.push(`${where}: ${first.join(', ')}`);
  }
  return failures.map((failure) => ({
    key: failure.key,
    detail: `${failure.detail}\n    as ${c.caller}, ${describePoison(c.poison)}${c.inline ? ', inline' : ''}, variables ${shown(outcome.variables)}`,
  }));
}
