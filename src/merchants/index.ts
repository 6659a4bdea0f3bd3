// type-graphql's decorators need the metadata polyfill before this module's classes are defined.
import 'reflect-metadata';
// The merchants module's public surface: cashback (and settlement) import it through this file only.
import type { MerchantQueries } from './merchant.queries.js';
import type { MerchantService } from './merchant.service.js';

/** The merchants module's long-lived services, as resolvers reach them (`context.merchants`). */
export interface MerchantModule {
  service: MerchantService;
  queries: MerchantQueries;
}

export { MerchantService, merchantAccountCode, type CreateMerchantCommand } from './merchant.service.js';
export { MerchantQueries } from './merchant.queries.js';
export { MerchantEntity, type MerchantRow } from './merchant.entity.js';
export { MerchantAccount, MerchantStatus } from './merchant.enums.js';
export { MerchantError } from './merchant.errors.js';
export { Merchant } from './merchant.type.js';
export { visibleMerchant } from './merchant.resolver.js';
export { merchantScope, scopedMerchants } from './merchant-scope.js';
export { toGlobalId as merchantGlobalId } from './merchant.ids.js';
export { merchantsModule } from './merchant.module.js';
