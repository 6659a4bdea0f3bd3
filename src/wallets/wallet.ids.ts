// The global-id prefixes of the wallets module's object types, registered when this file is imported;
// the module's files import the id helpers from here so the prefixes are always in place.
import { registerIdPrefixes } from '../platform/ids.js';

export const walletIdPrefixes = { Wallet: 'wal', WalletTransaction: 'wtx', Withdrawal: 'wd' } as const;

declare module '../platform/ids.js' {
  interface IdPrefixes { Wallet: 'wal'; WalletTransaction: 'wtx'; Withdrawal: 'wd' }
}

registerIdPrefixes(walletIdPrefixes);

export { toGlobalId, type IdType } from '../platform/ids.js';
export { fromGlobalId } from '../platform/graphql/global-id.js';
