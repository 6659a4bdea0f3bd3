import fc from 'fast-check';
import type { LeafKind } from './fuzz-schema.js';

// The bad values the fuzz suite puts into one slot of an otherwise valid input, by family. A poison
// is data (not a function), so fast-check prints a failing case readably; `poisonValue` makes the
// value from it and the slot's valid base value.

export type Family = 'none' | 'nul' | 'surrogate' | 'control' | 'emoji' | 'long' | 'blank' | 'number' | 'cursor' | 'time' | 'json' | 'null' | 'wrongType' | 'list';

export type Poison =
  /** The base value itself: the case that shows whether the base input is valid. */
  | { family: Family; op: 'keep' }
  /** The base text with `text` put in at a fraction `at` of its length. */
  | { family: Family; op: 'insert'; text: string; at: number }
  | { family: Family; op: 'value'; value: unknown }
  /** `text` repeated, in place of the base text. */
  | { family: Family; op: 'repeat'; text: string; times: number }
  /** A JSON object whose one key holds `depth` arrays (or objects) inside one another. */
  | { family: Family; op: 'nest'; depth: number; shape: 'array' | 'object' }
  /** The base cursor with every number in it set to `position` (a client that edits an opaque cursor). */
  | { family: Family; op: 'cursor'; position: string }
  /** A list of `times` copies of the base list's first item. */
  | { family: Family; op: 'copies'; times: number };

const lone = ['\ud800', '\udbff', '\udc00', '\udfff'];
const controls = ['\u0001', '\u0007', '\b', '\t', '\n', '\r', '\u001b', '\u001f', '\u007f', '\u0085', '\u2028', '\u202e', '\ufeff', '\uffff'];
const emoji = ['😀', '👨‍👩‍👧‍👦', '🇺🇸', 'é', 'ﷺ', '\u200d', '𝕏', '🏳️‍🌈', 'Ω̸̡̛'];
const numbers = [
  '9223372036854775807', '9223372036854775808', '18446744073709551616', '99999999999999999999999999999', '-1', '0', '-0',
  '1e3', '0x10', '1.5', ' 10', '10 ', '+5', '١٢٣', '00000000000000000000000010', 'NaN', 'Infinity',
];
const times = [
  '0000-01-01T00:00:00Z', '0001-01-01T00:00:00+01:00', '0001-01-01T00:00:00.000Z', '9999-12-31T23:59:59-01:00', '9999-12-31T23:59:59.999Z',
  '10000-01-01T00:00:00Z', '-000001-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', '1970-01-01T00:00:00Z', '2020-02-30T00:00:00Z',
  '2026-13-01T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T00:00:60Z', '2026-01-01', 'now', '',
];

const at = fc.double({ min: 0, max: 1, noNaN: true });
const insert = (family: Family, texts: readonly string[]) =>
  fc.record({ family: fc.constant(family), op: fc.constant('insert' as const), text: fc.constantFrom(...texts), at });
const value = (family: Family, values: fc.Arbitrary<unknown>) => fc.record({ family: fc.constant(family), op: fc.constant('value' as const), value: values });
const nulled = value('null', fc.constant(null));

const badText: fc.Arbitrary<Poison> = fc.oneof(
  insert('nul', ['\u0000', '\u0000\u0000', 'a\u0000b']),
  insert('surrogate', lone),
  insert('control', controls),
  insert('emoji', emoji),
  fc.record({ family: fc.constant('long' as const), op: fc.constant('repeat' as const), text: fc.constantFrom('x', '😀', ' ', '\u0301'), times: fc.constantFrom(201, 1_001, 20_000) }),
  value('blank', fc.constantFrom('', ' ', '\t\n', '\u00a0')),
  value('number', fc.constantFrom(...numbers)),
  fc.record({ family: fc.constant('cursor' as const), op: fc.constant('cursor' as const), position: fc.constantFrom('9223372036854775808', '99999999999999999999', '-1', '0') }),
  value('time', fc.constantFrom(...times)),
  value('wrongType', fc.constantFrom(123, true, {}, [], 1e308)),
  nulled,
);

const badTime: fc.Arbitrary<Poison> = fc.oneof(
  value('time', fc.constantFrom(...times)),
  value('time', fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString())),
  insert('nul', ['\u0000']),
  insert('surrogate', lone),
  value('wrongType', fc.constantFrom(0, -62198755200000, 253402300800000, true)),
  nulled,
);

const badJson: fc.Arbitrary<Poison> = fc.oneof(
  fc.record({ family: fc.constant('json' as const), op: fc.constant('nest' as const), depth: fc.constantFrom(33, 100, 2_000, 4_000), shape: fc.constantFrom('array' as const, 'object' as const) }),
  value('nul', fc.constantFrom({ 'k\u0000': 'v' }, { k: 'v\u0000' }, { a: [{ b: '\u0000' }] })),
  value('surrogate', fc.constantFrom({ '\ud800': 1 }, { k: 'x\udfff' }, { a: ['\udc00'] })),
  value('json', fc.constantFrom(
    [], 5, 'text', true, JSON.parse('{"__proto__":{"polluted":true}}'), { constructor: { prototype: 1 } }, { '': '' },
    { big: 'x'.repeat(9_000) }, { n: 1e308, m: -0, i: 18446744073709551616 }, Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`k${i}`, i])),
  )),
  fc.jsonValue({ maxDepth: 4 }).map((json): Poison => ({ family: 'json', op: 'value', value: { fuzz: json } })),
  nulled,
);

const badNumber: fc.Arbitrary<Poison> = fc.oneof(
  value('number', fc.constantFrom(2_147_483_647, 2_147_483_648, -2_147_483_649, -1, 0, 1.5, 1e20, Number.MAX_SAFE_INTEGER)),
  value('wrongType', fc.constantFrom('5', true, [], {})),
  nulled,
);

const badChoice: fc.Arbitrary<Poison> = fc.oneof(value('wrongType', fc.constantFrom('NOT_A_VALUE', '', 'true', 1, 'open', [])), nulled);

const badList: fc.Arbitrary<Poison> = fc.oneof(
  value('list', fc.constantFrom([], [null], [[]])),
  fc.record({ family: fc.constant('list' as const), op: fc.constant('copies' as const), times: fc.constantFrom(2, 101, 501) }),
  nulled,
);

const badObject: fc.Arbitrary<Poison> = fc.oneof(value('wrongType', fc.constantFrom({}, { unknownField: 1 }, 'text', [])), nulled);

/** The poisons for a slot of this kind. */
export function poisonsFor(kind: LeafKind): fc.Arbitrary<Poison> {
  switch (kind) {
    case 'string': case 'id': return badText;
    case 'time': return badTime;
    case 'json': return badJson;
    case 'int': case 'float': return badNumber;
    case 'boolean': case 'enum': return badChoice;
    case 'list': return badList;
    case 'object': return badObject;
  }
}

/**
 * One poison of each family that the bugs came from, for every slot of this kind, run
 * before the random ones so that every slot meets each at least once whatever the seed.
 */
export function sweepPoisons(kind: LeafKind, name: string): Poison[] {
  const nul: Poison = { family: 'nul', op: 'insert', text: '\u0000', at: 0.5 };
  const surrogate: Poison = { family: 'surrogate', op: 'insert', text: '\ud800', at: 1 };
  const always: Poison[] = [{ family: 'null', op: 'value', value: null }];
  switch (kind) {
    case 'string': case 'id': return [...always, nul, surrogate, { family: 'number', op: 'value', value: '9223372036854775808' },
      ...(/after|cursor/i.test(name) ? [{ family: 'cursor', op: 'cursor', position: '9999999999999999999' } as Poison] : [])];
    case 'time': return [...always, ...['0000-01-01T00:00:00Z', '0001-01-01T00:00:00+01:00', '9999-12-31T23:59:59-01:00'].map((t): Poison => ({ family: 'time', op: 'value', value: t }))];
    case 'json': return [...always, { family: 'json', op: 'nest', depth: 4_000, shape: 'array' }, { family: 'nul', op: 'value', value: { 'k\u0000': 'v' } },
      { family: 'surrogate', op: 'value', value: { note: 'x\udfff' } }];
    default: return always;
  }
}

function nested(depth: number, shape: 'array' | 'object'): Record<string, unknown> {
  let inner: unknown = 1;
  for (let i = 0; i < depth; i += 1) inner = shape === 'array' ? [inner] : { a: inner };
  return { deep: inner };
}

function recursor(cursor: string, position: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    const edited = JSON.stringify(parsed, (_key, inner: unknown) => (typeof inner === 'string' && /^\d+$/.test(inner) ? position : inner));
    return Buffer.from(edited).toString('base64url');
  } catch {
    return position;
  }
}

/** The value a poison puts into a slot whose valid value is `base`. */
export function poisonValue(poison: Poison, base: unknown): unknown {
  const text = typeof base === 'string' ? base : '';
  switch (poison.op) {
    case 'keep': return base;
    case 'value': return poison.value;
    case 'insert': {
      const cut = Math.round(poison.at * text.length);
      return `${text.slice(0, cut)}${poison.text}${text.slice(cut)}`;
    }
    case 'repeat': return poison.text.repeat(poison.times);
    case 'nest': return nested(poison.depth, poison.shape);
    case 'cursor': return recursor(text, poison.position);
    case 'copies': return Array.from({ length: poison.times }, () => (Array.isArray(base) ? base[0] : base) ?? null);
  }
}

/** A short name of a poison for reports: family and what it put in. */
export function describePoison(poison: Poison): string {
  const shown = (v: unknown) => {
    const s = JSON.stringify(v) ?? String(v);
    return s.length > 40 ? `${s.slice(0, 37)}...` : s;
  };
  switch (poison.op) {
    case 'keep': return 'the base input';
    case 'value': return `${poison.family} ${shown(poison.value)}`;
    case 'insert': return `${poison.family} +${shown(poison.text)}`;
    case 'repeat': return `${poison.family} ${shown(poison.text)}x${poison.times}`;
    case 'nest': return `${poison.family} ${poison.depth} nested ${poison.shape}s`;
    case 'cursor': return `${poison.family} position ${poison.position}`;
    case 'copies': return `${poison.family} ${poison.times} copies`;
  }
}
