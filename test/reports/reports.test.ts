import { describe, expect, it } from 'vitest';
import { uniq, type TestGateway } from '../testkit/gateway.js';
import { gatewayForFile, OpenAccount, transfer } from '../testkit/ledger-fixtures.js';
import { RpBalanceSheet, RpIncomeStatement, RpTrialBalance } from './reports-fixtures.js';

let gw: TestGateway;
gatewayForFile((started) => { gw = started; });

const codeOf = (answer: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => answer.errors?.[0]?.extensions?.code;

describe('reports: bad input', () => {
  it('refuses a currency that is not ISO 4217 with INVALID_CURRENCY, in each report', async () => {
    expect(codeOf(await gw.request(RpTrialBalance, { currency: 'XXY' }))).toBe('INVALID_CURRENCY');
    expect(codeOf(await gw.request(RpBalanceSheet, { currency: 'usd' }))).toBe('INVALID_CURRENCY');
    expect(codeOf(await gw.request(RpIncomeStatement, { currency: 'EURO', from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }))).toBe('INVALID_CURRENCY');
  });

  it('refuses an income statement whose end is not after its start, and a code prefix past an account code’s length', async () => {
    const same = await gw.request(RpIncomeStatement, { currency: 'USD', from: '2026-02-01T00:00:00Z', to: '2026-02-01T00:00:00Z' });
    expect(same.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'to' } });
    expect(codeOf(await gw.request(RpTrialBalance, { currency: 'USD', codePrefix: 'x'.repeat(201) }))).toBe('BAD_USER_INPUT');
  });
});

describe('the trial balance’s filters', () => {
  it('takes a code prefix literally (% and _ match only themselves) and narrows by type', async () => {
    const prefix = uniq('tb%_');
    const open = async (code: string, type: 'ASSET' | 'REVENUE') => (await gw.request(OpenAccount, { input: { code, name: code, type, currency: 'USD', negativeBalance: 'ALLOW' } })).data!.openAccount;
    const bank = await open(`${prefix}:bank`, 'ASSET');
    const sales = await open(`${prefix}:sales`, 'REVENUE');
    // Would match `${prefix}` if % or _ were wildcards.
    await open(`${prefix.replace('%_', 'xy')}:other`, 'ASSET');
    expect((await transfer(gw, bank.id, sales.id, '1234')).errors).toBeUndefined();
    const all = (await gw.request(RpTrialBalance, { currency: 'USD', codePrefix: prefix })).data!.trialBalance;
    expect(all.lines.map((line) => [line.code, line.debits.amount, line.credits.amount, line.net.amount])).toEqual([
      [`${prefix}:bank`, '1234', '0', '1234'], [`${prefix}:sales`, '0', '1234', '-1234'],
    ]);
    expect(all).toMatchObject({ balanced: true, totalDebits: { amount: '1234' }, totalCredits: { amount: '1234' }, debitBalances: { amount: '1234' }, creditBalances: { amount: '1234' } });
    const revenue = (await gw.request(RpTrialBalance, { currency: 'USD', codePrefix: prefix, types: ['REVENUE'] })).data!.trialBalance;
    expect(revenue.lines.map((line) => line.code)).toEqual([`${prefix}:sales`]);
    expect(revenue.balanced).toBe(false);
  });
});
