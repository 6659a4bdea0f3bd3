import { Field, ID, InputType } from 'type-graphql';
import { Role } from '../platform/auth/roles.js';
import { UserStatus } from './identity.enums.js';

const passwordRules = '12 to 256 bytes (at least 12 characters), not one character repeated, not containing the email or its name part';

@InputType({ description: 'A self-service sign-up.' })
export class RegisterInput {
  @Field({ description: 'An email address, at most 254 characters; stored trimmed and lower-case.' })
  email!: string;
  @Field({ description: `The password: ${passwordRules}.` })
  password!: string;
}

@InputType({ description: 'Credentials to log in with.' })
export class LoginInput {
  @Field({ description: 'The email address the user registered with (any letter case).' })
  email!: string;
  @Field({ description: 'The password.' })
  password!: string;
}

@InputType({ description: 'A user an admin creates, with any role.' })
export class CreateUserInput {
  @Field({ description: 'An email address, at most 254 characters; stored trimmed and lower-case.' })
  email!: string;
  @Field({ description: `The first password: ${passwordRules}.` })
  password!: string;
  @Field(() => Role, { description: 'The user’s role.' })
  role!: Role;
}

@InputType({ description: 'Changes to a user; omitted fields stay as they are. Either change ends the user’s access tokens at once.' })
export class UpdateUserInput {
  @Field(() => ID, { description: 'Global id of the user.' })
  id!: string;
  @Field(() => Role, { nullable: true, description: 'The new role.' })
  role?: Role;
  @Field(() => UserStatus, { nullable: true, description: 'DISABLED stops the user logging in and ends its sessions; ACTIVE lets it log in again.' })
  status?: UserStatus;
}

@InputType({ description: 'Which users to list; all filters are combined.' })
export class UserFilterInput {
  @Field(() => Role, { nullable: true, description: 'Only users with this role.' }) role?: Role;
  @Field(() => UserStatus, { nullable: true, description: 'Only users with this status.' }) status?: UserStatus;
  @Field({ nullable: true, description: 'Users whose email starts with this text (any letter case).' }) emailPrefix?: string;
}

@InputType({ description: 'A new API key.' })
export class CreateApiKeyInput {
  @Field({ description: 'What the key is for, 1 to 200 characters.' })
  name!: string;
  @Field(() => [Role], { description: '1 to 4 different roles the key acts with.' })
  roles!: Role[];
  @Field(() => ID, { nullable: true, description: 'Global id of the user the key acts for: required when the roles include MERCHANT or CUSTOMER.' })
  userId?: string;
}
