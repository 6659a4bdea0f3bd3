import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/platform/logger.js';

// Regression (issue 10, item 18): PostgreSQL's error detail (the whole failing row, metadata
// included) and MikroORM's message (the query with its values) went to the log as they were.
describe('a database error in the log', () => {
  function uniqueViolation(): Error {
    const error = Object.assign(new Error('insert into "wallet" ("memo") values (\'my secret memo\') - duplicate key value violates unique constraint "wallet_pkey"'), {
      code: '23505', severity: 'ERROR', routine: '_bt_check_unique', table: 'wallet', constraint: 'wallet_pkey',
      detail: 'Key (id)=(42) already exists. Failing row contains (42, my secret memo).', where: 'SQL statement', parameters: ['my secret memo'],
    });
    return error;
  }

  it('keeps its code, table and constraint and drops the row, the query and its parameters', () => {
    const logged = JSON.stringify(redactSecrets({ err: uniqueViolation() }));
    expect(logged).toContain('"code":"23505"');
    expect(logged).toContain('"constraint":"wallet_pkey"');
    expect(logged).toContain('"table":"wallet"');
    expect(logged).toContain('duplicate key value violates unique constraint');
    expect(logged).not.toContain('my secret memo');
  });

  it('does the same when the database error is another error’s cause', () => {
    const wrapper = new Error('the module failed', { cause: uniqueViolation() });
    const logged = JSON.stringify(redactSecrets({ err: wrapper }));
    expect(logged).toContain('the module failed');
    expect(logged).toContain('"constraint":"wallet_pkey"');
    expect(logged).not.toContain('my secret memo');
  });
});
