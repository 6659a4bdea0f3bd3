// The gateway's modules, in the order they start: a module comes after those it depends on.
// Adding a module is a folder with its FolioModule (src/platform/module.ts), one line here, and a
// migration (npm run migration:create).
// type-graphql's decorators need the metadata polyfill before any resolver class is defined.
import 'reflect-metadata';
import { billingModule } from './billing/index.js';
import { cashbackModule } from './cashback/index.js';
import { identityModule } from './identity/index.js';
import { ledgerModule } from './ledger/index.js';
import { payoutsModule } from './payouts/index.js';
import { reportsModule } from './reports/index.js';
import { merchantsModule } from './merchants/index.js';
import { ModuleSet } from './platform/module-set.js';
import { settlementModule } from './settlement/index.js';
import { walletsModule } from './wallets/index.js';

export const modules = new ModuleSet([
  ledgerModule,
  identityModule,
  walletsModule,
  payoutsModule,
  merchantsModule,
  cashbackModule,
  settlementModule,
  billingModule,
  reportsModule,
]);
