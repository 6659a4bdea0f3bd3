import { existsSync, mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/platform/auth/roles.js';
import { startTestGateway, uniq, type TestGateway } from '../testkit/gateway.js';
import { OpenAccount, PostEntry } from '../testkit/ledger-fixtures.js';
import { privateDatabase, type PrivateDatabase } from '../testkit/private-database.js';
import { appUser, chromiumPath, launchChromium, logIn } from './app-testkit.js';

// Closing a period from the app's Reports screen. A private database: a close refuses every
// entry dated before it, which other files on the shared database would run into.
// (app.test.ts warns, and fails under CI, without Chromium.)

let db: PrivateDatabase;
let gw: TestGateway;
let browser: Browser;
beforeAll(async () => {
  if (!existsSync(chromiumPath)) return;
  db = await privateDatabase('app_close');
  gw = await startTestGateway({ DATABASE_URL: db.url });
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await gw?.close();
  await db?.drop();
});

describe.runIf(existsSync(chromiumPath))('closing a period in the app', () => {
  it('offers Close for the last month that ended only, asks first, and shows it closed with who closed it', async () => {
    const { email } = await appUser(gw, Role.FINANCE);
    const open = async (type: 'ASSET' | 'REVENUE') => (await gw.request(OpenAccount, { input: { code: uniq(type.toLowerCase()), name: type, type, currency: 'USD', negativeBalance: 'ALLOW' } })).data!.openAccount;
    const [bank, sales] = [await open('ASSET'), await open('REVENUE')];
    const lastMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 15));
    const posted = await gw.request(PostEntry, { input: { idempotencyKey: uniq('e'), effectiveAt: lastMonth.toISOString(), postings: [
      { accountId: bank.id, direction: 'DEBIT', amount: '2500', currency: 'USD' }, { accountId: sales.id, direction: 'CREDIT', amount: '2500', currency: 'USD' },
    ] } as never });
    expect(posted.errors).toBeUndefined();
    const name = lastMonth.toISOString().slice(0, 7);

    const page = await (await browser.newContext()).newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await logIn(page, gw.url.replace(/\/graphql$/, ''), email);
    await page.getByRole('button', { name: 'Reports' }).click();
    // One Close button: the last month that ended (closing an older one would close everything before it).
    await expect.poll(() => page.getByRole('button', { name: /^Close / }).count()).toBe(1);
    const close = page.getByRole('button', { name: `Close ${name}` });
    // Dismissed: nothing closes.
    page.once('dialog', (dialog) => void dialog.dismiss());
    await close.click();
    await page.waitForTimeout(500);
    expect(await close.count()).toBe(1);
    page.once('dialog', (dialog) => void dialog.accept());
    await close.click();
    await expect.poll(() => page.locator('.periods').textContent(), { timeout: 10_000 }).toContain(`${name}closedby user:`);
    await expect.poll(() => page.getByRole('button', { name: /^Close / }).count()).toBe(0);
    // The trial balance is read again: the revenue closed into retained earnings.
    await expect.poll(() => page.getByTestId('trial-balance').textContent(), { timeout: 10_000 }).toContain('equity:retained-earnings:usd');

    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    mkdirSync('test-results/app', { recursive: true });
    await page.screenshot({ path: 'test-results/app/finance-periods.png', fullPage: true });
    expect(errors).toEqual([]);
  }, 60_000);
});
