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
    let stopped = false;
    let unsubscribe = () => {};
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The server may end a subscription (SUBSCRIPTION_INTERRUPTED: a gateway restarting, an event
    // that would not load; or graphql-ws giving up): subscribe again a second later, after the last
    // event received (`resumeAfter` says the same). EVENTS_EXPIRED: go on from the oldest event kept.
    let ended = false;
    const again = (errors?: unknown) => {
      // One retry for an ended subscription, whether it ended with an error result, an error or complete.
      if (stopped || ended) return;
      ended = true;
      unsubscribe();
      const expired = (Array.isArray(errors) ? errors : [])
        .map((e) => (e as { extensions?: { code?: string; earliestAfter?: string } }).extensions)
        .find((x) => x?.code === 'EVENTS_EXPIRED');
      if (expired?.earliestAfter) payload.variables.after = expired.earliestAfter;
      timer = setTimeout(subscribe, 1_000);
    };
    const subscribe = () => {
      ended = false;
      unsubscribe = ws.subscribe<Record<string, T>>(payload, {
        next: (result) => {
          if (result.errors?.length) return again(result.errors);
          const event = result.data?.[field];
          if (!event) return;
          const sequence = BigInt(event.sequence);
          if (last !== undefined && sequence <= last) return;
          last = sequence;
          payload.variables.after = event.sequence;
          handler.current(event);
        },
        error: (error) => again(error),
        complete: () => again(),
      });
    };
    subscribe();
    return () => { stopped = true; clearTimeout(timer); unsubscribe(); };
  }, [ws, document, field, key, start]);
}
