import { access } from '../platform/auth/access-rows.js';
import { defineModule } from '../platform/module.js';
import type { MerchantModule } from './index.js';
import { MerchantEntity, MerchantUserEntity } from './merchant.entity.js';
import { merchantErrorCodes } from './merchant.errors.js';
import { merchantIdPrefixes } from './merchant.ids.js';
import { createMerchantLoaders, type MerchantLoaders } from './merchant.loaders.js';
import { MerchantQueries } from './merchant.queries.js';
import { MerchantFieldResolver, merchantNodes, MerchantResolver } from './merchant.resolver.js';
import { MerchantService } from './merchant.service.js';

declare module '../platform/module.js' {
  interface Services {
    /** Merchant profiles, verification, users and accounts. */
    merchants: MerchantModule;
  }
  interface Loaders extends MerchantLoaders {}
}

/** Merchants (ClickNBack, Restaurant Ledger): shared by cashback and settlement. */
export const merchantsModule = defineModule({
  name: 'merchants',
  dependsOn: ['ledger', 'identity', 'wallets'],
  entities: [MerchantEntity, MerchantUserEntity],
  resolvers: [MerchantResolver, MerchantFieldResolver],
  idPrefixes: merchantIdPrefixes,
  nodes: merchantNodes,
  errorCodes: merchantErrorCodes,
  access: {
    // A customer acts for no merchant: it is refused rather than shown an always-empty answer.
    Query: { merchant: access.merchantOrStaff, merchants: access.merchantOrStaff },
    Mutation: {
      createMerchant: access.staff, updateMerchant: access.merchantOrStaff, verifyMerchant: access.staff,
      activateMerchant: access.staff, suspendMerchant: access.staff, addMerchantUser: access.staff, removeMerchantUser: access.staff,
    },
  },
  describes: { query: 'merchants', mutation: 'merchants (creation, verification, suspension, users)' },
  loaders: (em, services) => createMerchantLoaders(em, services.merchants.queries),
  async start({ orm }, { ledger, identity, wallets, invalidations }) {
    const queries = new MerchantQueries(invalidations);
    return { merchants: { service: new MerchantService(orm, ledger, identity.queries, wallets.service, invalidations, queries), queries } };
  },
});
