import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { limits } from '../limits.js';

/**
 * Why a string cannot enter Folio, or undefined: PostgreSQL refuses NUL in text and JSON, and a
 * lone UTF-16 surrogate is stored as U+FFFD, so two different keys could collide after storage.
 */
export function stringRefusal(value: string): string | undefined {
  if (value.includes('\u0000')) return 'contains a NUL character (U+0000)';
  if (!(value as string & { isWellFormed(): boolean }).isWellFormed()) return 'is not valid Unicode (a lone surrogate)';
  return undefined;
}

/**
 * Walks a request's variables without recursion (so a deeply nested value cannot overflow the
 * stack here or anywhere after), refusing a nesting deeper than inputDepthMax and any string, key
 * included, that stringRefusal refuses. Every module's input passes here, on HTTP and WebSocket,
 * before a resolver or a scalar sees it.
 */
export function variablesRefusal(variables: Readonly<Record<string, unknown>> | null | undefined): GraphQLError | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = Object.entries(variables ?? {}).map(([name, value]) => ({ value, path: name, depth: 1 }));
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const why = stringRefusal(value);
      if (why) return refusal(`${path} ${why}`, path);
    } else if (value !== null && typeof value === 'object') {
      if (depth > limits.inputDepthMax) return refusal(`${path} is nested deeper than ${limits.inputDepthMax} levels`, path);
      for (const [key, inner] of Object.entries(value)) {
        const why = stringRefusal(key);
        if (why) return refusal(`a key in ${path} ${why}`, path);
        stack.push({ value: inner, path: `${path}.${key}`, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

/**
 * Documents whose literals passed. Apollo gives every request with the same query text the same
 * parsed document (its document cache), so a document is walked once, not on every request (the
 * walk was 11 of the 18 µs that all of Apollo's plugins cost a `{ __typename }`). Only passes are
 * kept: a refused document is walked again, and gets an error of its own each time.
 */
const acceptedDocuments = new WeakSet<DocumentNode>();

/** The same for the string literals written in the document itself. */
export function documentRefusal(document: DocumentNode): GraphQLError | undefined {
  if (acceptedDocuments.has(document)) return undefined;
  let found: GraphQLError | undefined;
  visit(document, {
    [Kind.STRING](node) {
      const why = found ? undefined : stringRefusal(node.value);
      if (why) found = refusal(`a string in the query ${why}`, 'query');
    },
  });
  if (!found) acceptedDocuments.add(document);
  return found;
}

function refusal(message: string, field: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field, http: { status: 400 } } });
}

/** Apollo's side: a request whose variables or literals would be refused is answered 400 before anything runs. */
export const inputGuard: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document }) {
        const refused = variablesRefusal(request.variables) ?? documentRefusal(document);
        if (refused) throw refused;
      },
    };
  },
};
