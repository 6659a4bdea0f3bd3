import { Field, ObjectType } from 'type-graphql';
import type { Page } from '../db/page.js';
import { limits } from '../limits.js';
import { InputError } from '../errors.js';

@ObjectType({ description: 'Where a page of a connection stands in the whole list (Relay cursor connections).' })
export class PageInfo {
  @Field({ description: 'True when another page follows this one; pass `endCursor` as `after` to get it.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'The cursor of the last item of this page.' })
  endCursor!: string | null;
}

/** Cursors are opaque to clients: base64url of a versioned JSON position. */
export function encodeCursor(position: string): string {
  return Buffer.from(JSON.stringify({ v: 1, p: position })).toString('base64url');
}

const positionMax = 2n ** 63n - 1n;

/** Decodes a cursor; throws BAD_USER_INPUT for one Folio did not make. */
export function decodeCursor(cursor: string | undefined | null): string | undefined {
  if (cursor === undefined || cursor === null) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v?: number; p?: unknown };
    // A position is a row id: a bigint, so one past 2^63 - 1 is refused here, not by PostgreSQL.
    if (parsed.v === 1 && typeof parsed.p === 'string' && /^\d{1,19}$/.test(parsed.p) && BigInt(parsed.p) <= positionMax) return parsed.p;
  } catch { /* falls through to the error below */ }
  throw InputError.badInput('the cursor is malformed: pass back a cursor Folio returned', 'after');
}

/** Checks a requested page size against the limit. */
export function pageSize(first: number | undefined | null): number {
  const size = first ?? limits.pageSizeDefault;
  if (!Number.isInteger(size) || size < 1 || size > limits.pageSizeMax) {
    throw InputError.badInput(`first must be from 1 to ${limits.pageSizeMax}`, 'first');
  }
  return size;
}

/** Builds edges and pageInfo from a page of rows whose cursor position is their id. */
export function toConnection<Row extends { id: string }, Node>(page: Page<Row>, map: (row: Row) => Node) {
  const edges = page.rows.map((row) => ({ cursor: encodeCursor(row.id), node: map(row) }));
  return { edges, pageInfo: { hasNextPage: page.hasMore, endCursor: edges.at(-1)?.cursor ?? null } };
}

/** The shape of every connection: edges with their cursors, and where the page stands. */
export interface ConnectionOf<Node> {
  edges: { cursor: string; node: Node }[];
  pageInfo: PageInfo;
}

/** How a connection's descriptions name its items: `{ one: 'account', many: 'accounts' }`. */
export interface ItemNoun { one: string; many: string }

/**
 * Declares `<name>Edge` and `<name>Connection` for a node type, so every list is a Relay
 * connection with the same fields and descriptions, without a copy of the two classes each.
 */
export function connectionOf<Node extends object>(node: new () => Node, name: string, noun: ItemNoun, description: string): new () => ConnectionOf<Node> {
  @ObjectType(`${name}Edge`, { description: `One ${noun.one} of a page, with its cursor.` })
  class Edge {
    @Field({ description: `Opaque position of this ${noun.one}; pass it as \`after\`.` }) cursor!: string;
    @Field(() => node, { description: `The ${noun.one}.` }) node!: Node;
  }

  @ObjectType(`${name}Connection`, { description })
  class Connection {
    @Field(() => [Edge], { description: `The ${noun.many} of this page.` }) edges!: Edge[];
    @Field(() => PageInfo, { description: 'Whether more pages follow, and the cursor to ask for the next.' }) pageInfo!: PageInfo;
  }
  return Connection;
}
