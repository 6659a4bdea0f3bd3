import { GraphQLError, parse, type OperationDefinitionNode } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatError } from '../../src/platform/graphql/errors.js';
import { startTestGateway, type TestGateway } from '../testkit/gateway.js';
import { collect } from '../testkit/subscriptions.js';
import { postGraphql } from './http-helpers.js';

// Regressions found by fuzz-mutations.test.ts: graphql-js's own refusals of a request's variables
// reached clients as INTERNAL_SERVER_ERROR (each with an error-level "unexpected error" log line):
// over WebSocket every one of them (graphql-ws gives them no code), and over HTTP the error
// graphql-js adds when it stops counting after 50 (Apollo codes only those naming a variable).

const doc = (text: string) => parse(text) as TypedDocumentNode<any, any>;

describe('formatError and graphql-js variable errors', () => {
  const variable = (parse('query Q($after: String) { __typename }').definitions[0] as OperationDefinitionNode).variableDefinitions![0];

  it('codes an error naming a variable BAD_USER_INPUT', () => {
    const error = new GraphQLError('Variable "$after" got invalid value []; String cannot represent a non string value: []', { nodes: variable, originalError: new GraphQLError('String cannot represent a non string value: []') });
    expect(formatError(error.toJSON(), error).extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('codes the error that ends the count BAD_USER_INPUT, even after Apollo called it INTERNAL_SERVER_ERROR', () => {
    const error = new GraphQLError('Too many errors processing variables, error limit reached. Execution aborted.');
    expect(formatError({ message: error.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error).extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('still masks a resolver error that happens to have no code', () => {
    const error = new GraphQLError('boom', { nodes: variable, path: ['accounts'], originalError: new Error('boom') });
    expect(formatError(error.toJSON(), error).extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  });
});

describe('refused variables over HTTP and WebSocket', () => {
  let gw: TestGateway;
  beforeAll(async () => { gw = await startTestGateway(); });
  afterAll(async () => { await gw?.close(); });

  it('answers 400 BAD_USER_INPUT for more than 50 refused values in one variable', async () => {
    const response = await postGraphql(gw.url, 'query ManyNulls($filter: WithdrawalFilterInput) { withdrawals(filter: $filter) { __typename } }', {
      headers: gw.finance.headers, variables: { filter: { statuses: Array(101).fill(null) } },
    });
    expect(response.status).toBe(400);
    expect(new Set(response.body.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['BAD_USER_INPUT']));
  });

  it.each([
    ['a null in a non-null list', 'subscription NullId($ids: [ID!]!) { balanceChanged(accountIds: $ids) { sequence } }', { ids: [null] }],
    ['a list for a String', 'subscription ListAfter($after: String) { payoutUpdated(after: $after) { sequence } }', { after: [] }],
  ])('answers a subscription with %s BAD_USER_INPUT over WebSocket', async (_what, query, variables) => {
    const sub = collect(gw.ws(), doc(query), variables);
    await expect.poll(() => sub.errors.length).toBeGreaterThan(0);
    sub.stop();
    expect(sub.errors.map((e) => (e as { extensions?: { code?: string } }).extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});
