import {
  getNamedType, getNullableType, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType,
  type GraphQLField, type GraphQLInputType,
} from 'graphql';
import type { CallerKind } from '../access/access-matrix.js';
import { getAt, schema, setAt, typeAt, type Path, type Root } from './fuzz-schema.js';
import type { FuzzWorld } from './fuzz-world.js';

/** What a base value is made for: the caller, the root field, and a number that picks among valid choices. */
export interface BaseContext {
  world: FuzzWorld;
  caller: CallerKind;
  root: Root;
  field: GraphQLField<unknown, unknown>;
  variant: number;
  /** The slot the case poisons: a base that offers a choice takes the one that uses it. */
  poisoned: Path;
}

/** A valid value for one argument or input field; undefined leaves an optional one out. */
type Hint = (ctx: BaseContext) => unknown;

const staffCaller = (ctx: BaseContext) => ctx.caller === 'FINANCE' || ctx.caller === 'ADMIN';
const even = (ctx: BaseContext) => ctx.variant % 2 === 0;
const poisonedName = (ctx: BaseContext) => ctx.poisoned.at(-1);

/**
 * Whether a base that may carry `mine` or `other` (never both) carries `mine`: yes when the case
 * poisons `mine` (or needs it, as an expiry needs a pending entry), no when it poisons `other`,
 * else as the variant says.
 */
function carries(ctx: BaseContext, mine: readonly string[], other: readonly string[]): boolean {
  const name = String(poisonedName(ctx));
  if (mine.includes(name)) return true;
  if (other.includes(name)) return false;
  return !even(ctx);
}

/**
 * Valid values where a generic one would be refused before the input got far (an unbalanced entry,
 * a key of the wrong kind), keyed `Owner.field` (an input type or a root field) or by field name
 * alone. Only depth: an operation this table does not know is still fuzzed, with generic values.
 */
const hints: Record<string, Hint> = {
  idempotencyKey: ({ world }) => world.unique('fz-key'),
  runKey: ({ world }) => world.unique('fz-run'),
  reference: ({ world }) => world.unique('fz-ref'),
  code: ({ world }) => world.unique('fz:code'),
  'accountByCode.code': ({ world, variant }) => world.accounts[variant % world.accounts.length].code,
  currency: () => 'USD',
  amount: () => '10',
  threshold: () => '999999999999999',
  'RequestPayoutInput.amount': () => '1000',
  'CommitPendingEntryInput.amount': (ctx) => (even(ctx) ? undefined : '40'),
  name: ({ world }) => world.unique('Fuzz name'),
  description: () => 'fuzz description',
  memo: () => 'fuzz memo',
  destination: () => 'bank:fuzz',
  metadata: () => ({ source: 'fuzz', n: 1 }),
  email: ({ world }) => `${world.unique('fz-user')}@example.test`,
  password: ({ world }) => world.password(),
  'LoginInput.email': ({ world }) => world.login.email,
  'LoginInput.password': ({ world }) => world.login.password,
  refreshToken: ({ world }) => world.refreshToken(),
  // A posting names its account by id or by code; the one whose code is poisoned uses its code.
  'PostEntryInput.postings': (ctx) => ctx.world.postings(ctx.variant, poisonedName(ctx) === 'accountCode' ? Number(ctx.poisoned.at(-2)) : undefined),
  'PostEntryInput.pending': (ctx) => (carries(ctx, ['pending', 'expiresAt'], []) ? true : undefined),
  'PostEntryInput.expiresAt': (ctx) => (carries(ctx, ['pending', 'expiresAt'], []) ? new Date(Date.now() + 86_400_000).toISOString() : undefined),
  'PostEntriesInput.entries': async (ctx) => [await baseOf(ctx, schema.getType('PostEntryInput') as GraphQLInputType)],
  'CommitPendingEntryInput.entryId': ({ world, variant }) => world.entry(true, variant),
  'VoidPendingEntryInput.entryId': ({ world, variant }) => world.entry(true, variant),
  'ReverseEntryInput.entryId': ({ world, variant }) => world.entry(false, variant),
  'UpdateAccountInput.id': ({ world }) => world.account(),
  'UpdateAccountInput.name': (ctx) => (even(ctx) ? 'Renamed' : undefined),
  'CancelPayoutInput.id': ({ world, caller }) => world.payout(caller),
  'RetryWithdrawalInput.id': ({ world, caller }) => world.failedWithdrawal(caller),
  'UpdateUserInput.id': ({ world }) => world.victim(),
  'UpdateUserInput.role': (ctx) => (even(ctx) ? 'MERCHANT' : undefined),
  'revokeApiKey.id': ({ world }) => world.apiKey(),
  'CreateApiKeyInput.roles': (ctx) => (carries(ctx, ['userId'], []) ? ['CUSTOMER'] : ['FINANCE']),
  'CreateApiKeyInput.userId': (ctx) => (carries(ctx, ['userId'], []) ? ctx.world.victim() : undefined),
  'DepositInput.userId': (ctx) => (staffCaller(ctx) && carries(ctx, ['userId'], []) ? ctx.world.recipient.id : undefined),
  'TransferInput.toUserId': (ctx) => (carries(ctx, ['toUserId'], ['toEmail']) ? ctx.world.recipient.id : undefined),
  'TransferInput.toEmail': (ctx) => (carries(ctx, ['toUserId'], ['toEmail']) ? undefined : ctx.world.recipient.email),
  'OpenAccountInput.negativeBalance': () => 'FORBID',
  'OpenAccountInput.ownerId': (ctx) => (carries(ctx, ['ownerId'], []) ? ctx.world.recipient.id : undefined),
  first: () => 5,
  // A subscription's `after` is an event sequence number; a connection's, a cursor an answer gave.
  after: ({ world, variant, root }) => (root === 'Subscription' ? '0' : world.seenValue('endCursor', variant)),
  accountIds: ({ world, caller, variant }) => [world.idOf('Account', caller, variant)],
};

/** The type an id argument names: the root field's own for `id`, else from the name (`entryId` -> ...Entry). */
function idTypeOf(ctx: BaseContext, name: string): string | undefined {
  if (name === 'id') {
    const named = getNamedType(ctx.field.type);
    return isObjectType(named) && 'id' in named.getFields() ? named.name : undefined;
  }
  const word = /([A-Z]?[a-z]+)Ids?$/.exec(name)?.[1];
  return word ? word[0].toUpperCase() + word.slice(1) : undefined;
}

/** A generic valid-looking value of a type. */
async function genericOf(ctx: BaseContext, type: GraphQLInputType, name: string): Promise<unknown> {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [await valueOf(ctx, nullable.ofType as GraphQLInputType, '', name)];
  if (isInputObjectType(nullable)) return baseOf(ctx, nullable);
  if (isEnumType(nullable)) { const values = nullable.getValues(); return values[ctx.variant % values.length].value; }
  switch (nullable.name) {
    case 'ID': return ctx.world.idOf(idTypeOf(ctx, name), ctx.caller, ctx.variant);
    case 'Int': return 5;
    case 'Float': return 1.5;
    case 'Boolean': return false;
    case 'DateTimeISO': return new Date(Date.now() - 3_600_000).toISOString();
    case 'JSONObject': return { source: 'fuzz' };
    default: return ctx.world.unique('fz');
  }
}

/** The value for one field (or argument) of `owner`: its hint's, else, when required, a generic one. */
async function valueOf(ctx: BaseContext, type: GraphQLInputType, owner: string, name: string): Promise<unknown> {
  const hint = hints[`${owner}.${name}`] ?? hints[name];
  if (hint) return hint(ctx);
  return isNonNullType(type) || owner === '' ? genericOf(ctx, type, name) : undefined;
}

/** A valid input object of the type, optional fields left out unless a hint fills them. */
export async function baseOf(ctx: BaseContext, type: GraphQLInputType): Promise<Record<string, unknown>> {
  const nullable = getNullableType(type);
  if (!isInputObjectType(nullable)) throw new Error(`${String(type)} is not an input object`);
  const value: Record<string, unknown> = {};
  for (const inner of Object.values(nullable.getFields())) {
    const made = await valueOf(ctx, inner.type, nullable.name, inner.name);
    if (made !== undefined) value[inner.name] = made;
  }
  return value;
}

/** Valid arguments of a root field, optional ones left out unless a hint fills them. */
export async function baseArgs(ctx: BaseContext): Promise<Record<string, unknown>> {
  const args: Record<string, unknown> = {};
  for (const arg of ctx.field.args) {
    const made = await valueOf(ctx, arg.type, ctx.field.name, arg.name);
    if (made !== undefined) args[arg.name] = made;
  }
  return args;
}

/**
 * Makes the objects and lists on the way to `path` that the base left out (an optional filter, say),
 * with valid values of their own, so that a poison can be put at any slot.
 */
export async function withPath(ctx: BaseContext, args: Record<string, unknown>, path: Path): Promise<Record<string, unknown>> {
  let value: unknown = args;
  for (let i = 1; i < path.length; i += 1) {
    const prefix = path.slice(0, i);
    if (getAt(value, prefix) !== undefined && getAt(value, prefix) !== null) continue;
    const type = typeAt(ctx.field, prefix)!;
    const made = isInputObjectType(getNullableType(type)) ? await baseOf(ctx, type) : await genericOf(ctx, type, String(prefix.at(-1)));
    value = setAt(value, prefix, made);
  }
  return value as Record<string, unknown>;
}
