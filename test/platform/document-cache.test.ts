import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { DocumentCache, documentHeapBytes } from '../../src/platform/graphql/document-cache.js';
import { limits } from '../../src/platform/limits.js';
import { uniq, type TestGateway } from '../testkit/gateway.js';
import { gatewayForFile } from '../testkit/ledger-fixtures.js';

// Regression (issue 11, lever 9): Apollo's default document store is bounded by 30 MiB of the
// documents' JSON, which leaves out graphql-js's tokens and locations: four to five times that in
// heap. A bench run's seeding (distinct documents with literals in them) left 63 MB of parsed
// documents in it, the largest part of the gateway's heap after the run.

/** A document of 20 aliased mutations with literals, like the bench's seeding: distinct for each `n`. */
const seedingDocument = (n: number) => parse(`mutation { ${Array.from({ length: 20 }, (_, i) =>
  `a${i}: openAccount(input: {code: "doc:${n}:${i}", name: "doc ${n} ${i}", type: LIABILITY, currency: "USD"}) { id }`).join('\n')} }`);

describe('DocumentCache', () => {
  it('stays within its byte bound after many distinct documents, dropping the least recently used', async () => {
    const cache = new DocumentCache(2_000_000);
    const perDocument = documentHeapBytes(seedingDocument(0));
    await cache.set('hot', seedingDocument(-1));
    for (let n = 0; n < 500; n += 1) {
      await cache.set(`doc ${n}`, seedingDocument(n));
      // Used between the others, so it is never the least recently used.
      expect(await cache.get('hot')).toBeDefined();
      expect(cache.stats.bytes).toBeLessThanOrEqual(2_000_000);
    }
    expect(cache.stats.entries).toBe(Math.floor(2_000_000 / perDocument));
    expect(await cache.get('doc 0')).toBeUndefined();
    expect(await cache.get('doc 499')).toBeDefined();
  });

  it('counts the tokens graphql-js keeps, not the JSON Apollo measures', () => {
    const document = seedingDocument(1);
    // Measured on Node 24: 129 KB of heap for this document, whose JSON is 31 KB.
    expect(documentHeapBytes(document)).toBeGreaterThan(3 * Buffer.byteLength(JSON.stringify(document)));
  });

  it('keeps no document larger than the whole cache, and replacing a key keeps the count right', async () => {
    const cache = new DocumentCache(10_000);
    await cache.set('big', seedingDocument(2));
    expect(cache.stats).toEqual({ entries: 0, bytes: 0 });
    const small = parse('{ __typename }');
    await cache.set('small', small);
    await cache.set('small', small);
    expect(cache.stats).toEqual({ entries: 1, bytes: documentHeapBytes(small) });
    expect(await cache.delete('small')).toBe(true);
    expect(cache.stats).toEqual({ entries: 0, bytes: 0 });
  });
});

let gw: TestGateway;
gatewayForFile((g) => { gw = g; });

describe("the gateway's document store", () => {
  it('is the bounded one: distinct documents past its bound leave it at most documentCacheBytesMax', async () => {
    const cache = async () => {
      const text = await (await fetch(new URL('/metrics', gw.url))).text();
      const read = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
      return { entries: read('folio_graphql_document_cache_entries'), bytes: read('folio_graphql_document_cache_bytes') };
    };
    const tag = uniq('doc').replace(/-/g, '_');
    // 100 fragments of one field each: about 800 tokens, 220 KB of estimated heap a document, so a
    // hundred or so requests pass the bound by a quarter.
    const documentOf = (n: number) => `query ${tag}_${n} { ${Array.from({ length: 100 }, (_, i) => `...F${i}`).join(' ')} }\n`
      + Array.from({ length: 100 }, (_, i) => `fragment F${i} on Query { __typename }`).join('\n');
    const documents = Math.ceil((1.25 * limits.documentCacheBytesMax) / documentHeapBytes(parse(documentOf(0))));
    for (let n = 0; n < documents; n += 10) {
      await Promise.all(Array.from({ length: Math.min(10, documents - n) }, async (_, k) => {
        const response = await fetch(gw.url, {
          method: 'POST', headers: { 'content-type': 'application/json', ...gw.finance.headers }, body: JSON.stringify({ query: documentOf(n + k) }),
        });
        expect(response.status, await response.text()).toBe(200);
      }));
    }
    const held = await cache();
    expect(held.bytes).toBeGreaterThan(0);
    expect(held.bytes).toBeLessThanOrEqual(limits.documentCacheBytesMax);
    expect(held.entries).toBeLessThan(documents);
  });
});
