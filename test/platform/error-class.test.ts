import { describe, expect, it } from 'vitest';
import { errorClass, FolioError, InputError } from '../../src/platform/errors.js';
// The ledger's ids file registers the Account and Wallet prefixes the test decodes.
import { fromGlobalId } from '../../src/ledger/ledger.ids.js';
import '../../src/wallets/wallet.ids.js';

const demoCodes = ['BAD_USER_INPUT', 'DEMO_REFUSED'] as const;
class DemoError extends errorClass('DemoError', demoCodes) {
  static refused() {
    return new DemoError('DEMO_REFUSED', 'refused', { why: 'demo' });
  }
}

describe('errorClass', () => {
  it('gives a module a typed error class with its codes and badInput', () => {
    const error = DemoError.badInput('first must be from 1 to 100', 'first');
    expect(error).toBeInstanceOf(DemoError);
    expect(error).toBeInstanceOf(FolioError);
    expect(error).toMatchObject({ name: 'DemoError', code: 'BAD_USER_INPUT', message: 'first must be from 1 to 100', details: { field: 'first' } });
    expect(DemoError.badInput('no field').details).toEqual({});
    expect(DemoError.refused()).toMatchObject({ code: 'DEMO_REFUSED', details: { why: 'demo' } });
    expect(DemoError.codes).toBe(demoCodes);
  });

  it('turns a platform check’s refusal into the module’s error, keeping message and details', () => {
    let caught: unknown;
    try { fromGlobalId('Account', 'wal_1', 'accountId'); } catch (error) { caught = error; }
    expect(caught).toBeInstanceOf(InputError);
    expect(caught).not.toBeInstanceOf(DemoError);
    const adopted = DemoError.fromInput(caught as InputError);
    expect(adopted).toBeInstanceOf(DemoError);
    expect(adopted).toMatchObject({ code: 'BAD_USER_INPUT', message: (caught as Error).message, details: { field: 'accountId' } });
  });
});
