// A payment processor for a newcomer: sends a realistic stream of signed events to a running
// gateway's webhook, so settlement can be watched in GraphiQL. See README "Settlement".
//   npm run processor:simulate -- --url http://localhost:4000/webhooks/<slug> --secret whsec_… --merchant <id>
// With --token <staff access token or API key> it then runs a payout for the processor's merchants
// once their charges have matured, and reports each payout paid, as the processor would.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Webhook } from 'standardwebhooks';

const { values } = parseArgs({
  options: { url: { type: 'string' }, secret: { type: 'string' }, merchant: { type: 'string', default: 'restaurant-1' }, token: { type: 'string' }, currency: { type: 'string', default: 'USD' } },
});
if (!values.url || !values.secret) {
  console.error('usage: npm run processor:simulate -- --url http://localhost:4000/webhooks/<slug> --secret whsec_… [--merchant <processor merchant id>] [--token <staff token>]');
  process.exit(2);
}
const url = values.url;
const webhook = new Webhook(values.secret);
const currency = values.currency!;
const ago = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
const id = (prefix: string) => `${prefix}_${randomUUID().slice(0, 8)}`;

/** Signs and posts one event; `eventId` repeats a delivery. */
async function deliver(type: string, data: Record<string, unknown>, eventId = id('evt')): Promise<string> {
  const body = JSON.stringify({ type, data });
  const now = new Date();
  const response = await fetch(url, {
    method: 'POST', body,
    headers: { 'content-type': 'application/json', 'webhook-id': eventId, 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': webhook.sign(eventId, now, body) },
  });
  console.log(`${response.status} ${type.padEnd(17)} ${eventId}  ${await response.text()}`);
  if (response.status >= 400) process.exit(1);
  return eventId;
}

const merchant = values.merchant!;
const lunch = { id: id('ch'), amount: 4_850, fee: 171, currency, merchant, occurred_at: ago(72) };
const dinner = { id: id('ch'), amount: 12_400, fee: 390, currency, merchant, occurred_at: ago(50) };
const brunch = { id: id('ch'), amount: 3_200, fee: 123, currency, merchant, occurred_at: ago(1) };
const late = { id: id('ch'), amount: 2_600, fee: 105, currency, merchant, occurred_at: ago(60) };

await deliver('charge.succeeded', lunch);
const dinnerEvent = await deliver('charge.succeeded', dinner);
await deliver('charge.succeeded', dinner, dinnerEvent); // a duplicate delivery: 200, posts nothing
await deliver('charge.succeeded', brunch); // not matured for 47 hours
await deliver('refund.succeeded', { id: id('re'), charge: lunch.id, amount: 1_200, currency, occurred_at: ago(70) }); // partial
await deliver('refund.succeeded', { id: id('re'), charge: late.id, amount: 600, currency, occurred_at: ago(59) }); // before its charge: WAITING
await deliver('charge.succeeded', late); // its refund applies now
const dispute = { id: id('dp'), charge: dinner.id, amount: 2_000, currency, occurred_at: ago(49) };
await deliver('dispute.opened', dispute);
await deliver('dispute.closed', { id: dispute.id, status: 'won', occurred_at: ago(2) });
await deliver('customer.updated', { id: id('cus') }); // a type Folio does not apply: 202

if (values.token) await payOut(values.token);
else console.log('\nAdd --token <staff token> to run a payout and report it paid. In GraphiQL: processorEvents, merchant { settlementBalances }, settlementPayouts.');

/** Waits for the maturity worker (every 30 s), runs a payout of the processor's merchants, and reports each payout paid. */
async function payOut(token: string): Promise<void> {
  const graphqlUrl = new URL('/graphql', url).toString();
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    const result = await response.json() as { data?: any; errors?: { message: string }[] };
    if (result.errors) throw new Error(result.errors.map((e) => e.message).join('; '));
    return result.data;
  };
  const slug = new URL(url).pathname.split('/').pop();
  const processors = await gql('{ processors(first: 100) { edges { node { id slug } } } }');
  const processorId = processors.processors.edges.map((e: any) => e.node).find((p: any) => p.slug === slug)?.id;
  if (!processorId) throw new Error(`no processor has the slug ${slug}`);
  for (let waited = 0; ; waited += 5) {
    const run = await gql('mutation($input: RunSettlementPayoutsInput!) { runSettlementPayouts(input: $input) { id } }', { input: { runKey: id('run'), processorId, currency } });
    const paid = await gql('query($run: ID) { settlementPayouts(filter: { runId: $run }) { edges { node { id amount { amount } } } } }', { run: run.runSettlementPayouts.id });
    const payouts = paid.settlementPayouts.edges.map((e: any) => e.node);
    if (payouts.length > 0 || waited >= 60) {
      for (const payout of payouts) await deliver('payout.paid', { id: id('po'), reference: payout.id, amount: payout.amount.amount, currency, occurred_at: new Date().toISOString() });
      if (payouts.length === 0) console.log('nothing matured to pay out yet: is the merchant linked to the processor?');
      return;
    }
    console.log('waiting for the maturity worker…');
    await new Promise((resolve) => setTimeout(resolve, 5_000));
  }
}
