import { Field, ObjectType } from 'type-graphql';
import type { Balance as BalanceValue } from './posting-rules.js';

@ObjectType({ description: 'An amount of money: a whole number of minor units (cents for USD) as a decimal string, exact beyond 2^53, with its ISO 4217 currency.' })
export class Money {
  @Field({ description: 'Minor units as a decimal string, e.g. "1050" for 10.50 USD. May be negative for balances, never for postings.' })
  amount!: string;

  @Field({ description: 'ISO 4217 currency code, e.g. "USD".' })
  currency!: string;

  static of(amount: bigint, currency: string): Money {
    return Object.assign(new Money(), { amount: amount.toString(), currency });
  }
}

@ObjectType({ description: "An account's balance on its normal side (debit for assets and expenses, credit for the rest)." })
export class Balance {
  @Field(() => Money, { description: 'The sum of posted entries.' })
  posted!: Money;

  @Field(() => Money, { description: 'The net of open pending entries: held inflows minus held outflows.' })
  pending!: Money;

  @Field(() => Money, { description: 'What can be spent: posted minus pending outflows. The negative-balance policy is checked against this.' })
  available!: Money;

  @Field(() => Date, { nullable: true, description: 'The instant this balance is as of; null for the current balance.' })
  asOf!: Date | null;

  static of(value: BalanceValue, currency: string, asOf: Date | null = null): Balance {
    return Object.assign(new Balance(), {
      posted: Money.of(value.posted, currency), pending: Money.of(value.pending, currency),
      available: Money.of(value.available, currency), asOf,
    });
  }
}
