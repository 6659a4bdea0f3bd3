import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Balance } from './money.type.js';
import { EntryEventType } from './ledger.enums.js';

registerEnumType(EntryEventType, { name: 'EntryEventType', description: 'What happened to the entry.' });

@ObjectType({ description: 'A committed change to the ledger, in the order the ledger numbered it.' })
export class EntryEvent {
  entryRowId!: string;
  relatedEntryRowId!: string | null;

  @Field({ description: 'Event sequence number (decimal string). Resubscribe with `after` set to the last one you saw to receive everything you missed.' })
  sequence!: string;

  @Field(() => EntryEventType, { description: 'What happened to the entry.' })
  type!: EntryEventType;
}

@ObjectType({ description: "A change of one account's balance, with the balance right after it." })
export class BalanceChange {
  accountRowId!: string;
  entryRowId!: string;

  @Field({ description: 'Event sequence number (decimal string), usable as `after` when resubscribing.' })
  sequence!: string;

  @Field(() => EntryEventType, { description: 'What happened to the entry that changed the balance.' })
  type!: EntryEventType;

  @Field(() => ID, { description: 'Global id of the account.' })
  accountId!: string;

  @Field(() => Balance, { description: 'The balance immediately after this change.' })
  balance!: Balance;
}
