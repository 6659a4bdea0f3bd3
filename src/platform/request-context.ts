import { AsyncLocalStorage } from 'node:async_hooks';

/** What the log line and metrics of one request report about its GraphQL operation. */
export interface OperationRecord {
  /** The operation's name, when it has a valid one (see metrics.ts `safeOperationName`). */
  name?: string;
  /** The `extensions.code` of every error the response carried, in order. */
  errorCodes: string[];
}

/** What every log line and error of one request carries; set by the HTTP and WebSocket entry points. */
export interface RequestScope {
  requestId: string;
  /** Filled in by the GraphQL layer; read by the request log when the response is finished. */
  operation?: OperationRecord;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();

export function currentRequestId(): string | undefined {
  return requestScope.getStore()?.requestId;
}

/** Notes error codes for the current request's log line (for errors answered outside Apollo). */
export function noteErrorCodes(...codes: string[]): void {
  requestScope.getStore()?.operation?.errorCodes.push(...codes);
}
