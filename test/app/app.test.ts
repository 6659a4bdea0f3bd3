import { existsSync, mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import { graphql } from '../gql/index.js';
import { Role } from '../../src/platform/auth/roles.js';
import { startTestGateway, uniq, type TestGateway } from '../testkit/gateway.js';
import { recordSecret } from '../testkit/secrets.js';
import { appPassword, appUser, chromiumPath, launchChromium, logIn } from './app-testkit.js';
import { BlCreateMerchant, BlCreatePayer, invoiceFor, type School } from '../billing/billing-fixtures.js';

// The web app at /app, in Chromium, as its users use it: finance and two customers, each in a
// browser context of their own, logged in through the app's form.
const hasChromium = existsSync(chromiumPath);
if (!hasChromium) {
  console.warn(`app browser test did not run: ${chromiumPath} not found (apt-get install chromium)`);
  if (process.env.CI === 'true') test('Chromium is installed (required when CI=true)', () => expect.fail(`${chromiumPath} not found: apt-get install chromium`));
}

const ApLogin = graphql(`mutation ApLogin($input: LoginInput!) { login(input: $input) { accessToken } }`);
const ApDeposit = graphql(`mutation ApDeposit($input: DepositInput!) { deposit(input: $input) { id } }`);
const ApWallets = graphql(`query ApWallets { wallets { currency balance { posted { amount } } } }`);

const shots = 'test-results/app';
let gw: TestGateway;
let browser: Browser;
let base: string;

interface Person { id: string; email: string; headers: Record<string, string> }

async function person(role: Role): Promise<Person> {
  const { email, id } = await appUser(gw, role);
  const login = await gw.request(ApLogin, { input: { email, password: appPassword } }, { authorization: '' });
  const token = login.data!.login.accessToken;
  recordSecret(token);
  return { id, email, headers: { authorization: `Bearer ${token}` } };
}

/** A browser context logged in as `who` through the app's own form. */
async function loggedIn(who: Person, width = 1280): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(error.message));
  await logIn(page, base, who.email);
  await page.getByRole('button', { name: 'Log out' }).waitFor();
  return { context, page, errors };
}

async function expectAccessible(page: Page, name: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help}`), `${name}: axe`).toEqual([]);
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

beforeAll(async () => {
  if (!hasChromium) return;
  gw = await startTestGateway();
  base = gw.url.replace(/\/graphql$/, '');
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await gw?.close();
});

describe.runIf(hasChromium)('the web app', () => {
  it('serves /app with its assets from the gateway only, and a page for any path under it', async () => {
    const page = await fetch(`${base}/app`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((src) => !src.startsWith("data:"));
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      expect(asset).toMatch(/^\/app\/assets\//);
      const answer = await fetch(`${base}${asset}`);
      expect(answer.status, asset).toBe(200);
      expect(answer.headers.get('cache-control')).toMatch(/immutable/);
    }
    expect((await fetch(`${base}/app/wallets/anything`)).status).toBe(200);
    expect((await fetch(`${base}/app/assets/missing.js`)).status).toBe(404);
  });

  it('shows a customer’s transfer live on finance’s feed and on the recipient’s open wallets; a double submit moves money once', async () => {
    const [finance, sender, recipient] = [await person(Role.FINANCE), await person(Role.CUSTOMER), await person(Role.CUSTOMER)];
    const recipientId = recipient.id;
    expect((await gw.request(ApDeposit, { input: { amount: '10000', currency: 'USD', idempotencyKey: uniq('dep'), reference: uniq('bank') } }, sender.headers)).errors).toBeUndefined();
    expect((await gw.request(ApDeposit, { input: { amount: '500', currency: 'USD', idempotencyKey: uniq('dep'), reference: uniq('bank') } }, recipient.headers)).errors).toBeUndefined();
    const f = await loggedIn(finance);
    const r = await loggedIn(recipient);
    const s = await loggedIn(sender);
    await expect.poll(() => r.page.getByTestId('balance-USD').textContent()).toBe('5.00 USD');
    await f.page.getByText('Every balance agrees with its postings').waitFor();

    await s.page.getByLabel('To (email)').fill(recipient.email);
    await s.page.getByRole('form', { name: 'Send money' }).getByLabel('Amount').fill('12.34');
    // Two clicks before the first answer: one key, so the second replays the first.
    const send = s.page.getByRole('button', { name: 'Send' });
    await send.evaluate((button: HTMLButtonElement) => { button.click(); button.click(); });
    await s.page.getByRole('status').filter({ hasText: 'Sent 12.34 USD' }).waitFor();

    // Live, without a reload: the recipient's balance and the finance feed.
    await expect.poll(() => r.page.getByTestId('balance-USD').textContent(), { timeout: 5_000 }).toBe('17.34 USD');
    await expect.poll(() => f.page.getByTestId('activity-feed').textContent(), { timeout: 5_000 }).toContain('12.34 USD');
    await expect.poll(() => s.page.getByTestId('balance-USD').textContent(), { timeout: 5_000 }).toBe('87.66 USD');
    const wallets = (await gw.request(ApWallets, {}, sender.headers)).data!.wallets;
    expect(wallets.find((w) => w.currency === 'USD')!.balance.posted.amount).toBe('8766');

    // A refused transfer shows the API's message and code; nothing moves.
    await s.page.getByLabel('To (email)').fill(`${uniq('nobody')}@example.test`);
    await s.page.getByRole('form', { name: 'Send money' }).getByLabel('Amount').fill('1');
    await s.page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => s.page.getByTestId('transfer-error').textContent()).toContain('RECIPIENT_NOT_FOUND');
    await s.page.getByRole('form', { name: 'Send money' }).getByLabel('Amount').fill('0');
    await expect.poll(() => s.page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);

    // The history shows the transfer on both sides; a withdrawal's status changes live.
    await expect.poll(() => s.page.getByTestId('history').textContent()).toContain('transfer out');
    await expect.poll(() => r.page.getByTestId('history').textContent()).toContain('transfer in');
    await s.page.getByRole('form', { name: 'Withdraw' }).getByLabel('Amount').fill('1.00');
    await s.page.getByLabel('To bank account').fill('sim:succeed');
    await s.page.getByRole('button', { name: 'Withdraw' }).click();
    await expect.poll(() => s.page.getByTestId('withdrawals').textContent(), { timeout: 20_000 }).toContain('completed');
    // Finance's operations figures, read again as entries post: nothing left in flight or failed of this file's.
    await expect.poll(() => f.page.getByTestId('operations').textContent(), { timeout: 10_000 }).toMatch(/Withdrawals in flight\d+\+?Failed withdrawals\d+/);

    // Any account's balance over the last two weeks, by code: the recipient's wallet.
    await f.page.getByLabel('Account code').fill(`wallet:user:${recipientId}:usd`);
    await f.page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => f.page.getByRole('region', { name: 'Balance over time' }).textContent()).toContain('17.34 USD now');
    await f.page.locator('.chart canvas').waitFor();

    // A deposit through the form: the balance moves live.
    const deposit = r.page.getByRole('form', { name: 'Deposit' });
    const reference = uniq('bank');
    await deposit.getByLabel('Amount').fill('1.00');
    await deposit.getByLabel('Bank reference').fill(reference);
    await deposit.getByRole('button', { name: 'Deposit' }).click();
    await expect.poll(() => r.page.getByTestId('balance-USD').textContent(), { timeout: 5_000 }).toBe('18.34 USD');

    // The account browser: the recipient's wallet by code prefix, and its entries.
    await f.page.getByRole('button', { name: 'Accounts' }).click();
    await f.page.getByLabel('Code starts with').fill(`wallet:user:${recipientId}:`);
    await f.page.getByRole('button', { name: 'Find' }).click();
    await f.page.getByRole('button', { name: `wallet:user:${recipientId}:usd` }).click();
    await expect.poll(() => f.page.getByTestId('account-entries').locator('tbody tr').count()).toBe(3);
    await expectAccessible(f.page, 'finance-accounts');
    await f.page.getByRole('button', { name: 'Overview' }).click();

    await expectAccessible(f.page, 'finance-overview');
    // The reports: the trial balance and the balance sheet of today, balanced.
    await f.page.getByRole('button', { name: 'Reports' }).click();
    await f.page.getByTestId('trial-balance').getByText('balanced', { exact: true }).waitFor();
    await f.page.getByRole('button', { name: 'Balance sheet' }).click();
    await f.page.getByTestId('balance-sheet').getByText('✓').waitFor();
    await f.page.screenshot({ path: `${shots}/finance-balance-sheet.png` });
    await f.page.getByRole('button', { name: 'Overview' }).click();
    // The feed kept its events while the reports showed (other files post too: by sequence, each once).
    const sequences = await f.page.locator('[data-testid="activity-feed"] li').evaluateAll((items) => items.map((item) => item.getAttribute('data-sequence')));
    expect(sequences.length).toBeGreaterThan(0);
    expect(new Set(sequences).size).toBe(sequences.length);
    await expectAccessible(s.page, 'customer-wallets');
    for (const who of [f, r, s]) {
      expect(who.errors).toEqual([]);
      await who.context.close();
    }
  }, 90_000);

  it('lets a guardian pay an invoice from its wallet, and shows a merchant its shops', async () => {
    const guardian = await person(Role.CUSTOMER);
    const bursar = await person(Role.MERCHANT);
    expect((await gw.request(ApDeposit, { input: { amount: '1000', currency: 'USD', idempotencyKey: uniq('dep'), reference: uniq('bank') } }, guardian.headers)).errors).toBeUndefined();
    const made = await gw.request(BlCreateMerchant, { input: { name: 'Hillside School', slug: uniq('hill').toLowerCase(), defaultCurrency: 'USD', userIds: [`usr_${bursar.id}`] } });
    const school: School = { id: made.data!.createMerchant.id, rowId: '', staff: { ...bursar, userId: bursar.id, role: Role.MERCHANT, token: '' }, client: gw.as({ ...bursar, userId: bursar.id, role: Role.MERCHANT, token: '' }) };
    const payer = (await school.client.request(BlCreatePayer, { input: { merchantId: school.id, name: 'Ada', reference: uniq('stu'), guardianIds: [`usr_${guardian.id}`] } })).data!.createPayer;
    const invoice = (await invoiceFor(school, payer.id, [400])).answer.data!.issueInvoice;

    const g = await loggedIn(guardian);
    await g.page.getByRole('button', { name: 'Pay 4.00 USD' }).click();
    await g.page.getByRole('status').filter({ hasText: `Paid ${invoice.number}` }).waitFor();
    await expect.poll(() => g.page.getByTestId('invoices').textContent()).toContain('paid');
    await expect.poll(() => g.page.getByTestId('balance-USD').textContent(), { timeout: 5_000 }).toBe('6.00 USD');
    await g.page.getByRole('heading', { name: 'Cashback' }).waitFor();
    await expectAccessible(g.page, 'customer-invoices');

    const m = await loggedIn(bursar);
    await m.page.getByRole('heading', { name: 'Hillside School' }).waitFor();
    await expectAccessible(m.page, 'merchant-shops');
    for (const who of [g, m]) {
      expect(who.errors).toEqual([]);
      await who.context.close();
    }
  }, 60_000);

  it('fits a phone’s width (375 px) without horizontal scrolling, logged out and in', async () => {
    const customer = await person(Role.CUSTOMER);
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${base}/app`);
    await expectAccessible(page, 'login-375');
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(375);
    await context.close();
    const phone = await loggedIn(customer, 375);
    await phone.page.getByRole('heading', { name: 'Send money' }).waitFor();
    expect(await phone.page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(375);
    await expectAccessible(phone.page, 'customer-375');
    await phone.context.close();
  }, 60_000);
});
