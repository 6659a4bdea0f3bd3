import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/platform/auth/roles.js';
import { graphql } from '../gql/index.js';
import { startTestGateway, uniq, type TestGateway } from '../testkit/gateway.js';
import { errorCode, VerifyLedger } from '../testkit/ledger-fixtures.js';
import { balanceOf, Deposit } from './wallet-fixtures.js';

const StaffWallets = graphql(`query StaffWallets($userId: ID) { wallets(userId: $userId) { id currency ownerId } }`);

describe('staff and wallets', () => {
  let gw: TestGateway;

  beforeAll(async () => { gw = await startTestGateway(); });
  afterAll(async () => {
    expect((await gw.request(VerifyLedger, {})).data?.verifyLedger.ok).toBe(true);
    await gw?.close();
  });

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
