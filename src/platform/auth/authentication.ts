import type { Principal } from './principal.js';

/** The outcome of reading a request's credentials: a principal, or why there is none. */
export interface Authentication {
  principal?: Principal;
  /** Why credentials that were sent were refused; shown to the caller with UNAUTHENTICATED. */
  failure?: string;
  /** When the credential stops being valid (access tokens): a WebSocket is closed then. */
  expiresAt?: Date;
}
