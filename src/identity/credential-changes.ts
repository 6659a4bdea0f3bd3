import type { Kysely } from 'kysely';
import { notifyInvalidation } from '../platform/events/invalidations.js';

/**
 * The invalidation topics of what the Authenticator caches. Every change to a user's role, status
 * or token_version, or to an API key's revocation, sends one inside its own transaction, so every
 * gateway drops its copy when (and only if) the change commits:
 * - `identity.user`, keyed by the user id: the user and every API key acting for it;
 * - `identity.api-key`, keyed by the key's public id.
 */
export const credentialTopics = { user: 'identity.user', apiKey: 'identity.api-key' } as const;

/** Inside the transaction that changes the user's role, status or token_version. */
export function userChangedWithin(db: Kysely<any>, userId: string): Promise<void> {
  return notifyInvalidation(db, credentialTopics.user, userId);
}

/** Inside the transaction (or the one statement) that revokes the key. */
export function apiKeyChangedWithin(db: Kysely<any>, publicId: string): Promise<void> {
  return notifyInvalidation(db, credentialTopics.apiKey, publicId);
}
