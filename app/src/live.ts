// A resumable subscription: every event's `sequence` is kept, and when graphql-ws reconnects (it
// sends the same subscribe message again) the message asks for the events `after` the last one
// received. So a dropped connection misses nothing and shows nothing twice.
import { useEffect, useRef } from 'react';
import { useQuery } from 'urql';
import { graphql } from './gql';
import type { Client as WsClient } from 'graphql-ws';
import { print, type DocumentNode } from 'graphql';

const AppEventSequence = graphql(`query AppEventSequence { eventSequence }`);

/**
 * Where the event stream stood when the component mounted, read before anything it shows: pause
 * the state's query until it is known, and subscribe after it (useLive's `start`), so no change
 * falls between the state read and the subscription.
 */
export function useEventSequence(): string | undefined {
  const [result] = useQuery({ query: AppEventSequence, requestPolicy: 'network-only' });
  return result.data?.eventSequence;
}

/** Subscribes once `start` (the sequence from useEventSequence) is known, after it. */
export function useLive<T extends { sequence: string }>(ws: WsClient, document: DocumentNode, field: string, variables: Record<string, unknown>, onEvent: (event: T) => void, start: string | undefined): void {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (start === undefined) return;
    // graphql-ws reads this payload again on each retry: `after` moves with every event.
    const payload = { query: print(document), variables: { ...variables, after: start } as Record<string, unknown> };
    let last: bigint | undefined = BigInt(start);
    const unsubscribe = ws.subscribe<Record<string, T>>(payload, {
      next: (result) => {
        const event = result.data?.[field];
        if (!event) return;
        const sequence = BigInt(event.sequence);
        if (last !== undefined && sequence <= last) return;
        last = sequence;
        payload.variables.after = event.sequence;
        handler.current(event);
      },
      error: () => undefined,
      complete: () => undefined,
    });
    return unsubscribe;
  }, [ws, document, field, key, start]);
}
