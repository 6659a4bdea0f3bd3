// What the app's browser tests share: Debian's Chromium, users made with a known password through
// the API (createUser, as an admin), and logging in through the app's own form.
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { graphql } from '../gql/index.js';
import { Role } from '../../src/platform/auth/roles.js';
import { uniq, type TestGateway } from '../testkit/gateway.js';

export const chromiumPath = '/usr/bin/chromium';
export const appPassword = 'Folio app test passphrase 2026';

const ApCreateUser = graphql(`mutation ApCreateUser($input: CreateUserInput!) { createUser(input: $input) { id email } }`);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
}

/** A user of `role` with appPassword, made by an admin of `gw`; its email and row id. */
export async function appUser(gw: TestGateway, role: Role): Promise<{ email: string; id: string }> {
  const admin = gw.as(await gw.user(Role.ADMIN));
  const email = `${uniq(role.toLowerCase())}@example.test`;
  const made = await admin.request(ApCreateUser, { input: { email, password: appPassword, role } });
  expect(made.errors, JSON.stringify(made.errors)).toBeUndefined();
  return { email, id: made.data!.createUser.id.replace(/^usr_/, '') };
}

/** Opens `/app` at `base` and logs in as `email` through the form. */
export async function logIn(page: Page, base: string, email: string): Promise<void> {
  await page.goto(`${base}/app`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(appPassword);
  await page.getByRole('button', { name: 'Log in' }).click();
}
