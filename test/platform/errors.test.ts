import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LedgerError } from '../../src/ledger/ledger.errors.js';
import { formatError } from '../../src/platform/graphql/errors.js';
import { requestScope } from '../../src/platform/request-context.js';
import { startTestGateway, type TestGateway } from '../testkit/gateway.js';
import { readLogLines } from '../testkit/log-scan.js';
import { postGraphql } from './http-helpers.js';

const formatted = (message: string, code = 'INTERNAL_SERVER_ERROR') => ({ message, path: ['postEntry'], extensions: { code, stacktrace: ['at secret.ts:1'] } });

describe('formatError', () => {
  it('keeps a ledger error’s stable code, message and details', () => {
    const error = LedgerError.insufficientFunds('42', 10n, 5n);
    const result = formatError(formatted(error.message), new GraphQLError(error.message, { originalError: error, path: ['postEntry'] }));
    // Accounts are named by the global id a client can pass to node(id:) or account(id:).
    expect(result.extensions).toEqual({ code: 'INSUFFICIENT_FUNDS', accountId: 'acc_42', available: '10' });
    expect(result.message).toBe('account acc_42 has 10 available, the entry needs 5');
  });

  it('masks an unexpected error to INTERNAL_SERVER_ERROR with the request id and nothing of the cause', () => {
    const bug = new Error('duplicate key value violates unique constraint "ledger_posting_pkey" (SQL: insert into ...)');
    const result = requestScope.run({ requestId: 'req-123' }, () =>
      formatError(formatted(bug.message), new GraphQLError(bug.message, { originalError: bug, path: ['postEntry'] })));
    expect(result).toEqual({ message: 'Internal server error', path: ['postEntry'], locations: undefined, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-123' } });
    expect(JSON.stringify(result)).not.toMatch(/ledger_posting|SQL|secret/);
  });

  it('passes GraphQL request errors with their code and without a stack trace', () => {
    const result = formatError(formatted('Cannot query field "nope" on type "Query".', 'GRAPHQL_VALIDATION_FAILED'), new GraphQLError('Cannot query field'));
    expect(result.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.parse(JSON.stringify(result)).extensions.stacktrace).toBeUndefined();
  });
});

describe('an unexpected database error over HTTP', () => {
  let gw: TestGateway;
  beforeAll(async () => { gw = await startTestGateway(); });
  afterAll(async () => { await gw?.close(); });

  // Regression: Apollo refuses a persisted query whose hash does not match it with a 400 and no
  // code, and formatError masked it as INTERNAL_SERVER_ERROR (with an error-level log line).
  it('answers a persisted query whose hash does not match it with 400 BAD_REQUEST', async () => {
    const response = await fetch(gw.url, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }),
    });
    expect(response.status).toBe(400);
    const body = await response.json() as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0].message).toBe('provided sha does not match query');
  });

  it('reaches the client as INTERNAL_SERVER_ERROR with the request id and no SQL; the log has the whole error', async () => {
    const spy = vi.spyOn(gw.services.queries, 'verify').mockImplementationOnce(async (em) => {
      await sql`select balance_secret from folio_no_such_table where id = ${'42'}`.execute(em.getKysely());
      throw new Error('unreachable');
    });
    const requestId = `req-${randomUUID()}`;
    const response = await postGraphql(gw.url, 'query VerifyBroken { verifyLedger { ok } }', { headers: gw.finance.headers, requestId });
    spy.mockRestore();
    expect(response.status).toBe(200);
    expect(response.body.errors).toEqual([{ message: 'Internal server error', path: ['verifyLedger'], locations: [{ line: 1, column: 22 }], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }]);
    expect(response.text).not.toMatch(/folio_no_such_table|select|balance_secret|relation|stack|at .*\.ts/i);

    await expect.poll(() => readLogLines(requestId).map((line) => line.msg)).toEqual(expect.arrayContaining(['unexpected error in a GraphQL operation', 'request']));
    const errorLine = readLogLines(requestId).find((line) => line.msg === 'unexpected error in a GraphQL operation') as { err: { message: string; stack: string }; level: number };
    expect(errorLine.level).toBe(50);
    expect(errorLine.err.message).toContain('relation "folio_no_such_table" does not exist');
    expect(errorLine.err.stack).toEqual(expect.any(String));
    const requestLine = readLogLines(requestId).find((line) => line.msg === 'request');
    expect(requestLine).toMatchObject({ status: 200, operationName: 'VerifyBroken', errorCodes: ['INTERNAL_SERVER_ERROR'] });
  });
});
