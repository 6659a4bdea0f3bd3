import { ApiKeyEntity } from '../../identity/api-key.entity.js';
import { RefreshTokenEntity } from '../../identity/refresh-token.entity.js';
import { UserEntity } from '../../identity/user.entity.js';
import { AccountEntity } from '../../ledger/account.entity.js';
import { IdempotencyEntity } from '../../ledger/idempotency.entity.js';
import { JournalEntryEntity } from '../../ledger/journal-entry.entity.js';
import { PostingEntity } from '../../ledger/posting.entity.js';
import { LedgerEventEntity } from '../events/ledger-event.entity.js';
import { SimulatedPaymentEntity } from '../payments/simulated-payment.entity.js';
import { DisbursementEntity, DisbursementStatusChangeEntity } from '../../wallets/disbursement.entity.js';
import { WalletEntity, WalletTransactionEntity } from '../../wallets/wallet.entity.js';
import { PayoutRunEntity } from '../../payouts/payout-run.entity.js';

/** Every ORM entity, registered with MikroORM in one list. */
export const entities = [AccountEntity, JournalEntryEntity, PostingEntity, IdempotencyEntity, LedgerEventEntity,
  UserEntity, RefreshTokenEntity, ApiKeyEntity,
  WalletEntity, WalletTransactionEntity, DisbursementEntity, DisbursementStatusChangeEntity, PayoutRunEntity, SimulatedPaymentEntity];
