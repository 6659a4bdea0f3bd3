import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Role } from '../platform/auth/roles.js';
import { connectionOf, type ConnectionOf } from '../platform/graphql/connection.js';
import { toGlobalId } from './identity.ids.js';
import { Node } from '../platform/graphql/node.type.js';
import { UserStatus } from './identity.enums.js';
import type { UserRow } from './identity.queries.js';

registerEnumType(Role, {
  name: 'Role',
  description: 'What a caller may do. A user has one role; an API key has one or more.',
  valuesConfig: {
    ADMIN: { description: 'Manages users and API keys, and may do everything FINANCE does.' },
    FINANCE: { description: 'Operations: reads the whole ledger and runs its operations.' },
    MERCHANT: { description: 'Sees only the accounts it owns and the entries that post to them.' },
    CUSTOMER: { description: 'Sees only the accounts it owns and the entries that post to them. Self-registered users are customers.' },
  },
});
registerEnumType(UserStatus, {
  name: 'UserStatus',
  description: 'Whether a user may log in.',
  valuesConfig: {
    ACTIVE: { description: 'May log in.' },
    DISABLED: { description: 'May not log in; its tokens stopped working when it was disabled.' },
  },
});

@ObjectType({ implements: Node, description: 'A person who logs in with an email and a password.' })
export class User extends Node {
  /** The database id, for field resolvers; not exposed. */
  rowId!: string;
  /** The email, shown only to the user itself and to staff (see the `email` field resolver). */
  emailAddress!: string;
  /** Set when the object is the caller's own (login, refresh, me): the email is theirs to see. */
  viewerIsSelf = false;

  @Field(() => ID, { description: 'Global id, e.g. "usr_42".' })
  override id!: string;

  @Field(() => Role, { description: 'The user’s role.' })
  role!: Role;

  @Field(() => UserStatus, { description: 'ACTIVE or DISABLED.' })
  status!: UserStatus;

  @Field({ description: 'When the user was created.' })
  createdAt!: Date;

  @Field({ description: 'When the role, status or password last changed, or the user logged out everywhere.' })
  updatedAt!: Date;

  static from(row: UserRow, viewerIsSelf = false): User {
    return Object.assign(new User(), {
      rowId: row.id, emailAddress: row.email, viewerIsSelf, id: toGlobalId('User', row.id),
      role: row.role, status: row.status, createdAt: new Date(row.createdAt), updatedAt: new Date(row.updatedAt),
    });
  }
}

export const UserConnection = connectionOf(User, 'User', { one: 'user', many: 'users' }, 'A page of users in id order.');
export type UserConnection = ConnectionOf<User>;

@ObjectType({
  description: 'A logged-in session. Send `accessToken` as `Authorization: Bearer <accessToken>`; before it expires, '
    + 'exchange `refreshToken` for a new session with `refreshSession`. Both tokens are shown only here: keep them secret.',
})
export class Session {
  @Field({ description: 'A short-lived JWT (HS256) for the Authorization header.' })
  accessToken!: string;

  @Field({ description: 'When the access token stops working.' })
  accessTokenExpiresAt!: Date;

  @Field({ description: 'An opaque token for `refreshSession`, usable once: each refresh returns the next one.' })
  refreshToken!: string;

  @Field({ description: 'When the refresh token stops working if it is not used.' })
  refreshTokenExpiresAt!: Date;

  @Field({ description: 'Always "Bearer".' })
  tokenType!: string;

  @Field(() => User, { description: 'The logged-in user.' })
  user!: User;
}

@ObjectType({ description: 'The answer to `register`: the same whether or not the email already had an account.' })
export class Registration {
  @Field({ description: 'The email as Folio stores it (trimmed, lower-case): log in with it.' })
  email!: string;

  @Field({ description: 'What to do next.' })
  message!: string;
}
