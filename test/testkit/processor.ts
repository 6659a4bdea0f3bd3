// A payment processor as tests drive it: registered through GraphQL, delivering signed events to
// POST /webhooks/<slug> over real HTTP, signed by the Standard Webhooks reference library.
import { Webhook } from 'standardwebhooks';
import { graphql } from '../gql/index.js';
import { uniq, type TestGateway } from './gateway.js';
import { recordSecret } from './secrets.js';

const TkRegister = graphql(`mutation TkRegister($input: RegisterProcessorInput!) { registerProcessor(input: $input) { signingSecret processor { id slug } } }`);
const TkCreateMerchant = graphql(`mutation TkCreateMerchant($input: CreateMerchantInput!) { createMerchant(input: $input) { id } }`);
const TkLink = graphql(`mutation TkLink($input: LinkMerchantToProcessorInput!) { linkMerchantToProcessor(input: $input) { processorMerchantId } }`);

export interface Processor { id: string; slug: string; secret: string; rowId: string }

export async function registerProcessor(gw: TestGateway): Promise<Processor> {
  const made = (await gw.request(TkRegister, { input: { name: 'Acme Pay', slug: uniq('acme').toLowerCase() } })).data!.registerProcessor;
  recordSecret(made.signingSecret);
  return { id: made.processor.id, slug: made.processor.slug, secret: made.signingSecret, rowId: made.processor.id.replace('prc_', '') };
}

/** A new merchant, linked to the processor by a fresh id unless `link` is false. */
export async function merchantAt(gw: TestGateway, p: Processor, link = true) {
  const id = (await gw.request(TkCreateMerchant, { input: { name: 'Bistro', slug: uniq('bistro').toLowerCase(), defaultCurrency: 'USD' } })).data!.createMerchant.id;
  const externalId = uniq('acct');
  if (link) await linkMerchant(gw, p, id, externalId);
  return { id, rowId: id.replace('mer_', ''), externalId };
}

export async function linkMerchant(gw: TestGateway, p: Processor, merchantId: string, externalId: string): Promise<void> {
  await gw.request(TkLink, { input: { merchantId, processorId: p.id, processorMerchantId: externalId } });
}

/** Signed headers for a body, as a processor makes them (`at`: the signing time). */
export function signed(secret: string, id: string, body: string | Buffer, at = new Date()): Record<string, string> {
  return { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(secret).sign(id, at, body), 'content-type': 'application/json' };
}

export async function deliver(gw: TestGateway, slug: string, body: string, headers: Record<string, string>) {
  const response = await fetch(`${gw.url.replace(/\/graphql$/, '')}/webhooks/${slug}`, { method: 'POST', headers, body });
  return { status: response.status, body: await response.json() as Record<string, unknown> };
}

/** Sends an event of `type` with `data`, signed, under a fresh webhook id (or `eventId`). */
export async function send(gw: TestGateway, p: Processor, type: string, data: Record<string, unknown>, eventId = uniq('evt')) {
  const body = JSON.stringify({ type, data });
  return { eventId, ...(await deliver(gw, p.slug, body, signed(p.secret, eventId, body))) };
}

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

/** Event data as a processor sends it; amounts in minor units. */
export const events = {
  charge: (merchant: string, over: Record<string, unknown> = {}) => ({ id: uniq('ch'), amount: 2500, fee: 75, currency: 'USD', merchant, occurred_at: hoursAgo(1), ...over }),
  refund: (charge: string, amount: number, over: Record<string, unknown> = {}) => ({ id: uniq('re'), charge, amount, currency: 'USD', occurred_at: hoursAgo(0.5), ...over }),
  disputeOpened: (charge: string, amount: number, over: Record<string, unknown> = {}) => ({ id: uniq('dp'), charge, amount, currency: 'USD', occurred_at: hoursAgo(0.5), ...over }),
  disputeClosed: (id: string, status: 'won' | 'lost') => ({ id, status, occurred_at: hoursAgo(0.1) }),
  payout: (reference: string, amount: string | number, over: Record<string, unknown> = {}) => ({ id: uniq('po'), reference, amount, currency: 'USD', occurred_at: new Date().toISOString(), ...over }),
  hoursAgo,
};
