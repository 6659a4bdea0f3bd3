import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { principalLabel } from '../platform/auth/principal.js';
import { Role } from '../platform/auth/roles.js';
import { decodeCursor, pageSize, toConnection } from '../platform/graphql/connection.js';
import type { GraphQLContext } from '../platform/graphql/context.js';
import { fromGlobalId } from './identity.ids.js';
import { ApiKey, ApiKeyConnection, CreatedApiKey } from './api-key.type.js';
import { CreateApiKeyInput } from './identity.input.js';

/** API keys for services: admin only. */
@Resolver()
export class ApiKeyResolver {
  @Authorized(Role.ADMIN)
  @Query(() => ApiKeyConnection, { description: 'API keys in id order, without their secrets; at most 100 a page. Admin only.' })
  async apiKeys(
    @Ctx() context: GraphQLContext,
    @Arg('includeRevoked', { defaultValue: false, description: 'Also list revoked keys.' }) includeRevoked: boolean,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100; default 20.' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page.' }) after?: string,
  ): Promise<ApiKeyConnection> {
    const page = await context.identity.apiKeys.list(includeRevoked, pageSize(first), decodeCursor(after));
    return toConnection(page, ApiKey.from);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CreatedApiKey, {
    description: 'Creates an API key scoped to roles; the answer holds the key, shown this once. A MERCHANT or CUSTOMER key must name the user it acts for. '
      + 'Admin only. Errors: BAD_USER_INPUT, USER_NOT_FOUND.',
  })
  async createApiKey(@Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput, @Ctx() context: GraphQLContext): Promise<CreatedApiKey> {
    const principal = context.principal!;
    const { key, row } = await context.identity.apiKeys.create({
      name: input.name, roles: input.roles,
      userId: input.userId ? fromGlobalId('User', input.userId, 'userId') : undefined,
      createdById: principal.kind === 'user' ? principal.id : null,
    });
    return { key, apiKey: ApiKey.from(row) };
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ApiKey, { description: 'Revokes an API key: it stops working on the next request. Revoking a revoked key changes nothing. Admin only. Errors: BAD_USER_INPUT, API_KEY_NOT_FOUND.' })
  async revokeApiKey(@Arg('id', () => ID, { description: 'Global id of the key.' }) id: string, @Ctx() context: GraphQLContext): Promise<ApiKey> {
    return ApiKey.from(await context.identity.apiKeys.revoke(fromGlobalId('ApiKey', id), principalLabel(context.principal)));
  }
}
