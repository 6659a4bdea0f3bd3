import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line and error of one request carries; set by the HTTP and WebSocket entry points. */
export interface RequestScope {
  requestId: string;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();

export function currentRequestId(): string | undefined {
  return requestScope.getStore()?.requestId;
}
