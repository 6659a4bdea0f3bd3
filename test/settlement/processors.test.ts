import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { Role } from '../../src/platform/auth/roles.js';
import { uniq, type TestGateway } from '../testkit/gateway.js';
import { errorCode, gatewayForFile } from '../testkit/ledger-fixtures.js';
import { recordSecret } from '../testkit/secrets.js';

let gw: TestGateway;
gatewayForFile((started) => { gw = started; });

const StRegisterProcessor = graphql(`
  mutation StRegisterProcessor($input: RegisterProcessorInput!) {
    registerProcessor(input: $input) { signingSecret processor { id name slug webhookPath secretVersion previousSecretValidUntil } }
  }
`);
const StRotateProcessorSecret = graphql(`
  mutation StRotateProcessorSecret($id: ID!) {
    rotateProcessorSecret(input: { id: $id }) { signingSecret processor { id secretVersion previousSecretValidUntil } }
  }
`);
const StLink = graphql(`
  mutation StLink($input: LinkMerchantToProcessorInput!) { linkMerchantToProcessor(input: $input) { merchantId processorId processorMerchantId } }
`);
const StCreateMerchant = graphql(`mutation StCreateMerchant($input: CreateMerchantInput!) { createMerchant(input: $input) { id } }`);
const StMerchantLinks = graphql(`query StMerchantLinks($id: ID!) { merchant(id: $id) { id processorLinks { processorId processorMerchantId } } }`);
const StProcessors = graphql(`query StProcessors { processors(first: 100) { edges { node { id slug secretVersion } } } }`);

async function register(slug = uniq('acme').toLowerCase()) {
  const result = await gw.request(StRegisterProcessor, { input: { name: 'Acme Pay', slug } });
  if (result.data) recordSecret(result.data.registerProcessor.signingSecret);
  return result;
}

describe('processors and their signing secrets', () => {
  it('registers a processor with a Standard Webhooks secret shown once, stored sealed', async () => {
    const slug = uniq('acme').toLowerCase();
    const { data } = await register(slug);
    const { signingSecret, processor } = data!.registerProcessor;
    expect(signingSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(processor).toMatchObject({ name: 'Acme Pay', slug, webhookPath: `/webhooks/${slug}`, secretVersion: 1, previousSecretValidUntil: null });
    const listed = (await gw.request(StProcessors)).data!.processors.edges.map((e) => e.node);
    expect(listed).toContainEqual({ id: processor.id, slug, secretVersion: 1 });
    const { rows } = await sql<{ sealed_secret: string }>`select sealed_secret from settlement_processor where slug = ${slug}`.execute(gw.services.orm.em.fork().getKysely());
    expect(rows[0].sealed_secret.startsWith('v1.')).toBe(true);
    expect(rows[0].sealed_secret).not.toContain(signingSecret.slice(6, 20));
  });

  it('rotates: a new secret, the previous one valid for 24 hours more', async () => {
    const { data } = await register();
    const before = Date.now();
    const rotated = (await gw.request(StRotateProcessorSecret, { id: data!.registerProcessor.processor.id })).data!.rotateProcessorSecret;
    recordSecret(rotated.signingSecret);
    expect(rotated.signingSecret).not.toBe(data!.registerProcessor.signingSecret);
    expect(rotated.processor.secretVersion).toBe(2);
    const until = new Date(rotated.processor.previousSecretValidUntil!).getTime();
    expect(until).toBeGreaterThanOrEqual(before + 24 * 3_600_000 - 1_000);
    expect(until).toBeLessThanOrEqual(Date.now() + 24 * 3_600_000 + 1_000);
  });

  it('refuses a taken slug, a malformed one, an unknown processor, and anyone but staff', async () => {
    const slug = uniq('taken').toLowerCase();
    await register(slug);
    expect(errorCode(await register(slug))).toBe('PROCESSOR_SLUG_TAKEN');
    expect(errorCode(await register('Not A Slug'))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gw.request(StRegisterProcessor, { input: { name: '', slug: uniq('e').toLowerCase() } }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gw.request(StRotateProcessorSecret, { id: 'prc_999999999' }))).toBe('NOT_FOUND');
    expect(errorCode(await gw.request(StRotateProcessorSecret, { id: 'mer_1' }))).toBe('BAD_USER_INPUT');
    const customer = await gw.user(Role.CUSTOMER);
    expect(errorCode(await gw.as(customer).request(StProcessors))).toBe('FORBIDDEN');
    const { rows } = await sql<{ n: string }>`select count(*)::text as n from settlement_processor where slug = ${slug}`.execute(gw.services.orm.em.fork().getKysely());
    expect(rows[0].n).toBe('1');
  });
});

describe('merchants as processors know them', () => {
  const merchant = async () => (await gw.request(StCreateMerchant, { input: { name: 'Bistro', slug: uniq('bistro').toLowerCase(), defaultCurrency: 'USD' } })).data!.createMerchant.id;

  it('links a merchant to its id at a processor, shows it on the merchant, and replaces it when linked again', async () => {
    const p = (await register()).data!.registerProcessor.processor;
    const m = await merchant();
    const first = uniq('acct');
    expect((await gw.request(StLink, { input: { merchantId: m, processorId: p.id, processorMerchantId: first } })).data!.linkMerchantToProcessor)
      .toEqual({ merchantId: m, processorId: p.id, processorMerchantId: first });
    const second = uniq('acct');
    await gw.request(StLink, { input: { merchantId: m, processorId: p.id, processorMerchantId: second } });
    expect((await gw.request(StMerchantLinks, { id: m })).data!.merchant!.processorLinks).toEqual([{ processorId: p.id, processorMerchantId: second }]);
  });

  it('refuses an id that names another merchant at the processor, unknown ids, and anyone but staff', async () => {
    const p = (await register()).data!.registerProcessor.processor;
    const [m1, m2] = [await merchant(), await merchant()];
    const id = uniq('acct');
    await gw.request(StLink, { input: { merchantId: m1, processorId: p.id, processorMerchantId: id } });
    expect(errorCode(await gw.request(StLink, { input: { merchantId: m2, processorId: p.id, processorMerchantId: id } }))).toBe('PROCESSOR_MERCHANT_ID_TAKEN');
    expect(errorCode(await gw.request(StLink, { input: { merchantId: m2, processorId: 'prc_999999999', processorMerchantId: uniq('a') } }))).toBe('NOT_FOUND');
    expect(errorCode(await gw.request(StLink, { input: { merchantId: 'mer_999999999', processorId: p.id, processorMerchantId: uniq('a') } }))).toBe('NOT_FOUND');
    expect(errorCode(await gw.request(StLink, { input: { merchantId: m2, processorId: p.id, processorMerchantId: '' } }))).toBe('BAD_USER_INPUT');
    const customer = await gw.user(Role.CUSTOMER);
    expect(errorCode(await gw.as(customer).request(StLink, { input: { merchantId: m2, processorId: p.id, processorMerchantId: uniq('a') } }))).toBe('FORBIDDEN');
    expect((await gw.request(StMerchantLinks, { id: m2 })).data!.merchant!.processorLinks).toEqual([]);
  });
});
