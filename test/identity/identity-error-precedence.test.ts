import { beforeAll, describe, expect, it } from 'vitest';
import { identityErrorCodes } from '../../src/identity/identity.errors.js';
import { Role } from '../../src/platform/auth/roles.js';
import type { TestCaller, TestGateway } from '../testkit/gateway.js';
import { gatewayForFile } from '../testkit/ledger-fixtures.js';
import { precedenceTests } from '../testkit/precedence.js';
import { CreateApiKey, CreateUser, newEmail, newPassword, Register } from './identity-fixtures.js';

let gw: TestGateway;
let admin: TestCaller;

gatewayForFile((started) => { gw = started; });
beforeAll(async () => { admin = await gw.user(Role.ADMIN, 'admin'); });

type Result = { errors?: readonly { extensions?: Record<string, unknown> }[] };

/** One row per pair of rules that one input can break: it gets the code that comes first in identityErrorCodes. */
const rows: [earlier: string, later: string, what: string, send: () => Promise<Result>][] = [
  ['INVALID_EMAIL', 'WEAK_PASSWORD', 'register: bad email, short password', () =>
    gw.as(null).request(Register, { input: { email: 'not-an-email', password: 'short' } })],
  ['INVALID_EMAIL', 'WEAK_PASSWORD', 'createUser: bad email, short password', () =>
    gw.as(admin).request(CreateUser, { input: { email: 'not-an-email', password: 'short', role: Role.CUSTOMER } })],
  ['WEAK_PASSWORD', 'EMAIL_TAKEN', 'createUser: a taken email, short password', () =>
    gw.as(admin).request(CreateUser, { input: { email: admin.email, password: 'short', role: Role.CUSTOMER } })],
  ['BAD_USER_INPUT', 'USER_NOT_FOUND', 'createApiKey: blank name, unknown user', () =>
    gw.as(admin).request(CreateApiKey, { input: { name: ' ', roles: [Role.CUSTOMER], userId: 'usr_999999999999' } })],
];

describe('identity error precedence: an input breaking two rules gets the earlier code', () => {
  precedenceTests(rows, (code: string) => identityErrorCodes.indexOf(code as never));

  it('a valid email and password is accepted, so the rows above are refused for their rules', async () => {
    const result = await gw.as(admin).request(CreateUser, { input: { email: newEmail(), password: newPassword(), role: Role.CUSTOMER } });
    expect(result.errors).toBeUndefined();
  });
});
