import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { print } from 'graphql';
import pg from 'pg';
import { graphql } from '../gql/index.js';
import { startTestGateway, type TestGateway } from '../testkit/gateway.js';
import { fundedWallet, transfer } from '../testkit/ledger-fixtures.js';

// Regression (issue 10, item 6): an event whose fields failed to load at delivery time (seen during
// a PostgreSQL restart: `entryPosted.entry` is loaded then) was sent as `data: null` with an
// INTERNAL error and no sequence, so a client that kept its stream open silently missed it. The
// fault here is real and the test's own: the subscribers' gateway connects as a role of this test,
// whose SELECT on ledger_entry is revoked while events arrive, then granted again.
const WatchEntries = graphql(`
  subscription DeliveryWatchEntries($accountIds: [ID!], $after: String) {
    entryPosted(accountIds: $accountIds, after: $after) { sequence type entry { id } }
  }
`);

type Message = { data?: { entryPosted: { sequence: string; entry: { id: string } } } | null; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] };

const role = `folio_delivery_${process.pid}_${Date.now().toString(36)}`;
const password = `pw-${Math.random().toString(36).slice(2)}`;
let admin: pg.Client;
let gw: TestGateway;
let subscribers: TestGateway;

async function asAdmin(statement: string): Promise<void> {
  await admin.query(statement);
}

beforeAll(async () => {
  const url = new URL(inject('databaseUrl'));
  admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await asAdmin(`create role ${role} login password '${password}'`);
  await asAdmin(`grant usage, create on schema public to ${role}`);
  await asAdmin(`grant select, insert, update, delete on all tables in schema public to ${role}`);
  await asAdmin(`grant usage, select, update on all sequences in schema public to ${role}`);
  url.username = role;
  url.password = password;
  gw = await startTestGateway();
  subscribers = await startTestGateway({ DATABASE_URL: url.toString() });
});

afterAll(async () => {
  await subscribers?.close();
  await gw?.close();
  await asAdmin(`drop owned by ${role}`).catch(() => undefined);
  await asAdmin(`drop role if exists ${role}`).catch(() => undefined);
  await admin?.end();
});

/** Every message the subscription gets, as graphql-ws hands it over, and how it ended. */
function watch(accountId: string, after?: string) {
  const seen: { messages: Message[]; ended?: unknown; completed: boolean } = { messages: [], completed: false };
  const stop = subscribers.ws().subscribe<Message['data']>({ query: print(WatchEntries), variables: { accountIds: [accountId], after } }, {
    next: (message) => { seen.messages.push(message as Message); },
    error: (error) => { seen.ended = error; },
    complete: () => { seen.completed = true; },
  });
  return { seen, stop };
}

const entryIds = (messages: Message[]) => messages.map((m) => m.data?.entryPosted.entry.id);

describe('a subscription event whose fields fail to load', () => {
  it('is loaded again and delivered whole once the load works', async () => {
    const { bank, wallet } = await fundedWallet(gw, '0');
    const { seen, stop } = watch(wallet.id);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the subscription is live
    await asAdmin(`revoke select on ledger_entry from ${role}`);
    const posted = await transfer(gw, bank.id, wallet.id, '5');
    await new Promise((resolve) => setTimeout(resolve, 600)); // its first loads fail
    await asAdmin(`grant select on ledger_entry to ${role}`);

    await expect.poll(() => seen.messages.length, { timeout: 10_000 }).toBe(1);
    expect(seen.messages[0].errors).toBeUndefined();
    expect(seen.messages[0].data!.entryPosted).toMatchObject({ sequence: expect.stringMatching(/^\d+$/), entry: { id: posted.data!.postEntry.id } });
    const next = await transfer(gw, bank.id, wallet.id, '6');
    await expect.poll(() => entryIds(seen.messages), { timeout: 10_000 }).toEqual([posted.data!.postEntry.id, next.data!.postEntry.id]);
    expect(seen.ended).toBeUndefined();
    stop();
  });

  it('ends the subscription with where to resume when the load keeps failing, and a resubscription gets the event', async () => {
    const { bank, wallet } = await fundedWallet(gw, '0');
    const first = watch(wallet.id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await asAdmin(`revoke select on ledger_entry from ${role}`);
    const missed = await transfer(gw, bank.id, wallet.id, '7');
    await expect.poll(() => first.seen.ended, { timeout: 15_000 }).toBeDefined();
    await asAdmin(`grant select on ledger_entry to ${role}`);

    // Never a hole: nothing was sent for the event, and the error says where to resume.
    expect(first.seen.messages).toEqual([]);
    const [error] = first.seen.ended as { message: string; extensions: Record<string, unknown> }[];
    expect(error.extensions).toMatchObject({ code: 'SUBSCRIPTION_INTERRUPTED', resumeAfter: expect.stringMatching(/^\d+$/) });
    expect(error.message).toContain(`after: "${error.extensions.resumeAfter}"`);

    const resumed = watch(wallet.id, error.extensions.resumeAfter as string);
    await expect.poll(() => entryIds(resumed.seen.messages), { timeout: 10_000 }).toEqual([missed.data!.postEntry.id]);
    resumed.stop();
  });
});
