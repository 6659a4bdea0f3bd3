import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { LedgerError } from '../../src/ledger/ledger.errors.js';
import { formatError } from '../../src/platform/graphql/errors.js';
import { requestScope } from '../../src/platform/request-context.js';

const formatted = (message: string, code = 'INTERNAL_SERVER_ERROR') => ({ message, path: ['postEntry'], extensions: { code, stacktrace: ['at secret.ts:1'] } });

describe('formatError', () => {
  it('keeps a ledger error’s stable code, message and details', () => {
    const error = LedgerError.insufficientFunds('42', 10n, 5n);
    const result = formatError(formatted(error.message), new GraphQLError(error.message, { originalError: error, path: ['postEntry'] }));
    expect(result.extensions).toEqual({ code: 'INSUFFICIENT_FUNDS', accountId: '42', available: '10' });
    expect(result.message).toBe(error.message);
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
