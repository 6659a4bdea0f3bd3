import { describe, expect, it } from 'vitest';
import { Role } from '../../src/platform/auth/roles.js';
import { loadConfig } from '../../src/config.js';
import { graphql } from '../gql/index.js';
import { uniq, type TestGateway } from '../testkit/gateway.js';
import { errorCode, gatewayForFile } from '../testkit/ledger-fixtures.js';
import { balanceOf, Deposit, expectRefused, walletCurrencies } from './wallet-fixtures.js';

const StaffWallets = graphql(`query StaffWallets($userId: ID) { wallets(userId: $userId) { id currency ownerId } }`);

describe('staff and wallets', () => {
  let gw: TestGateway;
  gatewayForFile((started) => { gw = started; });

  it('credits a named user’s wallet, and refuses a user that does not exist with NOT_FOUND, writing nothing', async () => {
    const dana = await gw.user(Role.MERCHANT, 'dana');
    const credited = await gw.request(Deposit, { input: { userId: `usr_${dana.userId}`, currency: 'EUR', amount: '700', reference: uniq('ref'), idempotencyKey: uniq('k') } });
    expect(credited.errors).toBeUndefined();
    expect(await balanceOf(gw.as(dana), 'EUR')).toEqual({ posted: '700', pending: '0', available: '700' });
    const listed = await gw.request(StaffWallets, { userId: `usr_${dana.userId}` });
    expect(listed.data!.wallets).toEqual([expect.objectContaining({ currency: 'EUR', ownerId: `usr_${dana.userId}` })]);

    const ghost = await gw.request(Deposit, { input: { userId: 'usr_999999999', currency: 'EUR', amount: '700', reference: uniq('ref'), idempotencyKey: uniq('k') } });
    expect(errorCode(ghost)).toBe('NOT_FOUND');
    expect((await gw.request(StaffWallets, { userId: 'usr_999999999' })).data!.wallets).toEqual([]);
  });
});

describe('SELF_DEPOSITS off (the production default)', () => {
  let gw: TestGateway;
  gatewayForFile((started) => { gw = started; }, { SELF_DEPOSITS: 'false' });

  it('refuses a customer’s or merchant’s deposit into their own wallet with FORBIDDEN, writing nothing; staff still credit them', async () => {
    for (const role of [Role.CUSTOMER, Role.MERCHANT]) {
      const user = await gw.user(role, 'self');
      const own = await gw.as(user).request(Deposit, { input: { currency: 'USD', amount: '500', reference: uniq('ref'), idempotencyKey: uniq('k') } });
      expectRefused(own, 'FORBIDDEN');
      expect(await walletCurrencies(gw.as(user)), role).toEqual([]);
      const byStaff = await gw.request(Deposit, { input: { userId: `usr_${user.userId}`, currency: 'USD', amount: '500', reference: uniq('ref'), idempotencyKey: uniq('k') } });
      expect(byStaff.errors).toBeUndefined();
      expect(await balanceOf(gw.as(user)), role).toEqual({ posted: '500', pending: '0', available: '500' });
    }
  });

  it('is what production gets unless it is switched on', () => {
    const base = { JWT_SECRET: 'x'.repeat(32), SETTLEMENT_SECRETS_KEY: 'y'.repeat(32) };
    expect(loadConfig({ ...base, NODE_ENV: 'production' }).selfDeposits).toBe(false);
    expect(loadConfig({ ...base, NODE_ENV: 'production', SELF_DEPOSITS: 'true' }).selfDeposits).toBe(true);
    expect(loadConfig({ ...base }).selfDeposits).toBe(true);
    expect(() => loadConfig({ ...base, SELF_DEPOSITS: 'sometimes' })).toThrow(/SELF_DEPOSITS/);
  });
});
