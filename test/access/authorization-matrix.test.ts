import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildSchema, getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType, parse,
  type GraphQLArgument, type GraphQLField, type GraphQLInputType, type GraphQLSchema,
} from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { OfferKind } from '../../src/cashback/index.js';
import { Role } from '../../src/platform/auth/roles.js';
import { startTestGateway, uniq, type CallerClient, type TestCaller, type TestGateway } from '../testkit/gateway.js';
import { openAccount, transfer } from '../testkit/ledger-fixtures.js';
import { collect } from '../testkit/subscriptions.js';
import { accessMatrix, callers, renderMatrix, type Access, type CallerKind } from './access-matrix.js';

type Root = keyof typeof accessMatrix;
const schema: GraphQLSchema = buildSchema(fs.readFileSync('schema.graphql', 'utf8'));

/** A value of the input type that passes GraphQL validation; the resolver may well refuse it. */
function dummy(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return dummy(type.ofType);
  if (isListType(type)) return [dummy(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    return Object.fromEntries(fields.map((f) => [f.name, dummy(f.type)]));
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int': case 'Float': return 1;
      case 'Boolean': return false;
      case 'DateTimeISO': return new Date().toISOString();
      case 'JSONObject': return {};
      // An id of no type: every resolver refuses it as BAD_USER_INPUT after authorisation passed.
      case 'ID': return 'x_999999999999';
      default: return uniq('m');
    }
  }
  throw new Error(`no dummy value for ${String(type)}`);
}

interface Fixture { caller: TestCaller | null; ownAccountId: string; runId: string }

/**
 * Arguments that make an allowed call observable: subscriptions replay from the start, watching
 * the caller's own account, or the payout run every fixture shares.
 */
function argumentsFor(root: Root, field: GraphQLField<unknown, unknown>, fixture: Fixture): Record<string, unknown> {
  if (root === 'Subscription') {
    const names = new Set(field.args.map((a) => a.name));
    return { after: '0', ...(names.has('accountIds') && { accountIds: [fixture.ownAccountId] }), ...(names.has('runId') && { runId: fixture.runId }) };
  }
  const required = field.args.filter((a: GraphQLArgument) => isNonNullType(a.type));
  return Object.fromEntries(required.map((a) => [a.name, dummy(a.type)]));
}

function operation(root: Root, field: GraphQLField<unknown, unknown>, variables: Record<string, unknown>): TypedDocumentNode<unknown, Record<string, unknown>> {
  const args = field.args.filter((a) => a.name in variables);
  const defs = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const named = getNamedType(field.type);
  const selection = 'getFields' in named ? ' { __typename }' : '';
  return parse(`${root.toLowerCase()} Matrix${defs ? `(${defs})` : ''} { ${field.name}${call ? `(${call})` : ''}${selection} }`) as never;
}

const denialCodes = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);
const codeOf = (error: unknown) => (error as { extensions?: { code?: string } }).extensions?.code;

/** The code that marks a call as denied, or undefined when the call got past authorisation. */
async function attempt(client: CallerClient, root: Root, field: GraphQLField<unknown, unknown>, fixture: Fixture): Promise<string | undefined> {
  const document = operation(root, field, argumentsFor(root, field, fixture));
  const variables = argumentsFor(root, field, fixture);
  if (root !== 'Subscription') {
    const result = await client.request(document, variables);
    return result.errors?.map(codeOf).find((code) => code && denialCodes.has(code));
  }
  // An allowed subscription replays the event of the entry posted to the caller's own account.
  const sub = collect(client.ws(), document, variables);
  try {
    await expect.poll(() => sub.items.length + sub.errors.length, { timeout: 10_000 }).toBeGreaterThan(0);
    return sub.errors.map(codeOf).find((code) => code && denialCodes.has(code));
  } finally {
    sub.stop();
  }
}

describe('the authorisation matrix', () => {
  let gw: TestGateway;
  let bank: { id: string };
  let runId: string;

  beforeAll(async () => {
    // ISK is this file's own currency: the payout run it starts pays every ISK wallet, and there are none.
    gw = await startTestGateway({ WALLET_CURRENCIES: 'USD,ISK', PAYOUT_CANCEL_WINDOW_SECONDS: '0' });
    bank = await openAccount(gw, { type: 'ASSET', allowNegative: true, label: 'matrix-bank' });
    runId = `prun_${(await gw.services.payouts.runs.start({ runKey: uniq('matrix-run'), currency: 'ISK', startedById: null })).id}`;
  });
  afterAll(async () => { await gw?.close(); });

  /** A fresh caller per cell (an operation may log its caller out) with one funded account of its own. */
  async function fixtureFor(kind: CallerKind): Promise<Fixture> {
    const caller = kind === 'anonymous' ? null : await gw.user(Role[kind], `matrix-${kind.toLowerCase()}`);
    const account = await openAccount(gw, { ownerId: caller ? `usr_${caller.userId}` : undefined, label: 'matrix-own' });
    const posted = await transfer(gw, bank.id, account.id, '5');
    if (posted.errors) throw new Error(JSON.stringify(posted.errors));
    if (caller) await moneyOf(caller.userId);
    if (caller) await cashbackOf(caller, kind);
    return { caller, ownAccountId: account.id, runId };
  }

  /**
   * A purchase with cashback for the caller as customer (cashbackChanged replays it) and, for a
   * MERCHANT, a merchant of its own with that purchase (purchaseRecorded replays it).
   */
  async function cashbackOf(caller: TestCaller, kind: CallerKind): Promise<void> {
    const { merchants, cashback } = gw.services;
    const merchant = await merchants.service.create({
      name: 'Matrix shop', slug: uniq('matrix').toLowerCase(), defaultCurrency: 'USD', userIds: kind === 'MERCHANT' ? [caller.userId] : [],
    });
    await merchants.service.transition(merchant.id, 'verify');
    await cashback.offers.create({
      merchantId: merchant.id, name: 'Matrix offer', kind: OfferKind.FIXED, fixedAmount: '10', currency: 'USD', startsAt: new Date(Date.now() - 60_000),
      endsAt: new Date(Date.now() + 3_600_000), budget: '100', activate: true, memberScope: undefined,
    });
    await cashback.purchases.record({
      merchantId: merchant.id, externalId: uniq('matrix-ord'), customerId: caller.userId, amount: '100', currency: 'USD',
      occurredAt: new Date(Date.now() - 1_000), memberScope: undefined,
    });
    await invoiceOf(caller, kind, merchant.id);
  }

  /** An invoice at the merchant for a payer the caller guards (a CUSTOMER), so invoiceUpdated has an event of its own to replay. */
  async function invoiceOf(caller: TestCaller, kind: CallerKind, merchantId: string): Promise<void> {
    const { billing } = gw.services;
    const payer = await billing.payers.create({ merchantId, name: 'Matrix pupil', guardianIds: kind === 'CUSTOMER' ? [caller.userId] : [] }, {});
    await billing.invoices.issue({
      payerId: payer.id, number: uniq('matrix-inv'), currency: 'USD', dueAt: new Date(Date.now() + 86_400_000), lines: [{ description: 'Fee', quantity: 1, unitAmount: '100' }],
    }, {});
  }

  /** A deposit, a withdrawal and a payout of the caller's own, so its wallet subscriptions have events to replay. */
  async function moneyOf(userId: string): Promise<void> {
    const { wallets, payouts } = gw.services;
    await wallets.service.deposit({ userId, currency: 'USD', amount: '5000', reference: uniq('matrix-ref'), idempotencyKey: uniq('matrix-dep') });
    await wallets.withdrawals.request({ userId, currency: 'USD', amount: '10', destination: 'sim:succeed', idempotencyKey: uniq('matrix-wd') });
    await payouts.service.request({ userId, currency: 'USD', amount: '1000', idempotencyKey: uniq('matrix-po') });
  }

  it('has a row for every operation of the schema, and none for an operation that is gone', () => {
    for (const root of Object.keys(accessMatrix) as Root[]) {
      const type = schema.getType(root) as unknown as { getFields(): Record<string, unknown> };
      expect(Object.keys(type.getFields()).sort(), `${root} fields vs matrix rows`).toEqual(Object.keys(accessMatrix[root]).sort());
    }
  });

  for (const root of Object.keys(accessMatrix) as Root[]) {
    for (const [name, row] of Object.entries(accessMatrix[root])) {
      it(`${root}.${name}: ${callers.map((c) => `${c} ${row[c]}`).join(', ')}`, async () => {
        const field = (schema.getType(root) as unknown as { getFields(): Record<string, GraphQLField<unknown, unknown>> }).getFields()[name];
        expect(field, `${root}.${name} is in schema.graphql`).toBeDefined();
        for (const kind of callers) {
          const fixture = await fixtureFor(kind);
          const denied = await attempt(gw.as(fixture.caller), root, field, fixture);
          const expected: Access = row[kind];
          if (expected === 'deny') {
            expect(denied, `${root}.${name} as ${kind}`).toBe(kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
          } else {
            expect(denied, `${root}.${name} as ${kind}`).toBeUndefined();
          }
        }
      });
    }
  }

  it('is the table the README documents', () => {
    const readme = fs.readFileSync('README.md', 'utf8');
    const table = /<!-- access-matrix:start -->\n([\s\S]*?)\n<!-- access-matrix:end -->/.exec(readme)?.[1];
    expect(table, 'README.md has the access matrix between <!-- access-matrix:start --> and <!-- access-matrix:end -->').toBe(renderMatrix());
  });
});
