import { Field, ID, ObjectType } from 'type-graphql';
import { Role } from '../platform/auth/roles.js';
import { connectionOf, type ConnectionOf } from '../platform/graphql/connection.js';
import { toGlobalId } from './identity.ids.js';
import { Node } from '../platform/graphql/node.type.js';
import type { ApiKeyRow } from './identity.queries.js';

@ObjectType({ implements: Node, description: 'An API key for a service. Its secret is shown once, when it is created; Folio keeps only a hash.' })
export class ApiKey extends Node {
  @Field(() => ID, { description: 'Global id, e.g. "key_7".' })
  override id!: string;

  @Field({ description: 'What the key is for, e.g. "payouts worker".' })
  name!: string;

  @Field({ description: 'The start of the key ("folio_<public id>"), not secret: tells which key a service holds.' })
  prefix!: string;

  @Field(() => [Role], { description: 'The roles the key acts with.' })
  roles!: Role[];

  @Field(() => ID, { nullable: true, description: 'Global id of the user a MERCHANT or CUSTOMER key acts for; null for a key that acts for no user.' })
  userId!: string | null;

  @Field(() => ID, { nullable: true, description: 'Global id of the admin who created the key; null when another API key created it.' })
  createdById!: string | null;

  @Field({ description: 'When the key was created.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'About when the key was last used (written at most once a minute); null when never.' })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the key was revoked; null while it works.' })
  revokedAt!: Date | null;

  static from(row: ApiKeyRow): ApiKey {
    return Object.assign(new ApiKey(), {
      id: toGlobalId('ApiKey', row.id), name: row.name, prefix: `folio_${row.publicId}`, roles: row.roles,
      userId: row.userId ? toGlobalId('User', row.userId) : null,
      createdById: row.createdById ? toGlobalId('User', row.createdById) : null,
      createdAt: new Date(row.createdAt), lastUsedAt: row.lastUsedAt && new Date(row.lastUsedAt), revokedAt: row.revokedAt && new Date(row.revokedAt),
    });
  }
}

@ObjectType({ description: 'A new API key: `key` is the only time its secret is shown.' })
export class CreatedApiKey {
  @Field({ description: 'The whole key, "folio_<public id>_<secret>": send it as `Authorization: Bearer <key>`. Store it now; Folio cannot show it again.' })
  key!: string;

  @Field(() => ApiKey, { description: 'The key’s details, as `apiKeys` lists them.' })
  apiKey!: ApiKey;
}

export const ApiKeyConnection = connectionOf(ApiKey, 'ApiKey', { one: 'API key', many: 'API keys' }, 'A page of API keys in id order.');
export type ApiKeyConnection = ConnectionOf<ApiKey>;
