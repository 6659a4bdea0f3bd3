import type { Client } from 'graphql-ws';
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

export interface Collected<R> {
  items: R[];
  errors: unknown[];
  completed: boolean;
  stop(): void;
}

/** Subscribes over graphql-ws and collects what arrives. */
export function collect<R, V extends Record<string, unknown>>(client: Client, document: TypedDocumentNode<R, V>, variables: V): Collected<R> {
  const collected: Collected<R> = { items: [], errors: [], completed: false, stop: () => undefined };
  collected.stop = client.subscribe<R>({ query: print(document), variables }, {
    next: (value) => {
      if (value.errors) collected.errors.push(...value.errors);
      if (value.data) collected.items.push(value.data as R);
    },
    error: (error) => { collected.errors.push(error); },
    complete: () => { collected.completed = true; },
  });
  return collected;
}
