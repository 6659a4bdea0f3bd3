import type { DocumentStore } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import { limits } from '../limits.js';

/**
 * What a parsed document costs in V8's heap, estimated from its tokens: graphql-js keeps every
 * token (a linked list) and a Location per node, so the heap holds about 270 bytes per token plus
 * about 2 KB per document (measured on Node 24: a 20-alias `openAccount` mutation of 485 tokens
 * takes 129 KB; `{ __typename }` takes 2.4 KB). Apollo's own store sizes a document by its JSON,
 * which leaves the tokens and locations out and so undercounts the heap four to five times.
 */
export function documentHeapBytes(document: DocumentNode): number {
  let tokens = 0;
  for (let token = document.loc?.startToken ?? null; token; token = token.next) tokens += 1;
  // Parsed without locations (no tokens kept): the AST nodes alone, about two a token.
  if (!document.loc) return documentBaseBytes + Buffer.byteLength(JSON.stringify(document)) * 2;
  return documentBaseBytes + tokens * documentTokenBytes;
}

const documentBaseBytes = 2_048;
const documentTokenBytes = 270;

interface Kept {
  document: DocumentNode;
  bytes: number;
}

/**
 * Apollo's parsed-and-validated documents, by query hash, least recently used first out, within
 * limits.documentCacheBytesMax of estimated heap (documentHeapBytes). Apollo's default store
 * allows 30 MiB of JSON, which is 120–150 MB of heap: a bench run's seeding alone (distinct
 * documents with literals in them) left 63 MB of tokens and AST in it. Any caller can send
 * documents of its own choosing, so the bound must be in the unit the process pays in.
 */
export class DocumentCache implements DocumentStore {
  private readonly kept = new Map<string, Kept>();
  private bytes = 0;

  constructor(private readonly bytesMax: number = limits.documentCacheBytesMax) {}

  async get(key: string): Promise<DocumentNode | undefined> {
    const kept = this.kept.get(key);
    if (!kept) return undefined;
    // Re-inserted, so the Map's order is least recently used first.
    this.kept.delete(key);
    this.kept.set(key, kept);
    return kept.document;
  }

  async set(key: string, document: DocumentNode): Promise<void> {
    this.remove(key);
    const bytes = documentHeapBytes(document);
    // A document larger than the whole cache is not kept (it would evict everything for itself).
    if (bytes > this.bytesMax) return;
    while (this.bytes + bytes > this.bytesMax) this.remove(this.kept.keys().next().value!);
    this.kept.set(key, { document, bytes });
    this.bytes += bytes;
  }

  async delete(key: string): Promise<boolean> {
    return this.remove(key);
  }

  /** Entries and estimated heap bytes held, for tests and diagnostics. */
  get stats(): { entries: number; bytes: number } {
    return { entries: this.kept.size, bytes: this.bytes };
  }

  private remove(key: string): boolean {
    const kept = this.kept.get(key);
    if (!kept) return false;
    this.kept.delete(key);
    this.bytes -= kept.bytes;
    return true;
  }
}
