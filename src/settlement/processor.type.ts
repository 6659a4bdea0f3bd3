import { Field, ID, Int, ObjectType } from 'type-graphql';
import { connectionOf, type ConnectionOf } from '../platform/graphql/connection.js';
import { Node } from '../platform/graphql/node.type.js';
import { previousSecretValid, type ProcessorRow } from './processor.entity.js';
import { toGlobalId } from './settlement.ids.js';

@ObjectType({ implements: Node, description: 'A payment processor that reports charges, refunds and payouts through signed webhooks (staff only).' })
export class Processor extends Node {
  row!: ProcessorRow;

  @Field(() => ID, { description: 'Global id, e.g. "prc_2".' }) override id!: string;
  @Field({ description: 'Its display name.' }) name!: string;
  @Field({ description: 'Its webhook URL’s name: deliveries go to POST /webhooks/<slug>.' }) slug!: string;
  @Field({ description: 'The path its deliveries go to, e.g. "/webhooks/acme-pay".' }) webhookPath!: string;
  @Field(() => Int, { description: 'How many signing secrets it has had: 1, then one more per rotation.' }) secretVersion!: number;
  @Field(() => Date, { nullable: true, description: 'Until when the secret before the current one still verifies (a rotation in progress); null when only the current one does.' })
  previousSecretValidUntil!: Date | null;
  @Field({ description: 'When it was registered.' }) createdAt!: Date;

  static from(row: ProcessorRow, now = new Date()): Processor {
    const overlap = previousSecretValid(row, now) ? row.previousValidUntil : null;
    return Object.assign(new Processor(), {
      row, id: toGlobalId('Processor', row.id), name: row.name, slug: row.slug, webhookPath: `/webhooks/${row.slug}`,
      secretVersion: row.secretVersion, previousSecretValidUntil: overlap, createdAt: row.createdAt,
    });
  }
}

@ObjectType({ description: 'A processor with its new signing secret: the only time the secret is shown. Give it to the processor; Folio keeps it sealed.' })
export class ProcessorWithSecret {
  @Field(() => Processor, { description: 'The processor.' }) processor!: Processor;
  @Field({ description: 'The Standard Webhooks signing secret, "whsec_…" (base64 of 32 random bytes).' }) signingSecret!: string;
}

export const ProcessorConnection = connectionOf(Processor, 'Processor', { one: 'processor', many: 'processors' }, 'A page of processors, newest first.');
export type ProcessorConnection = ConnectionOf<Processor>;
