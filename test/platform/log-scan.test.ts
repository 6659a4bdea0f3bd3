import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import argon2 from 'argon2';
import { sql } from 'kysely';
import { Role } from '../../src/platform/auth/roles.js';
import { startTestGateway, testJwtSecret, uniq, type TestGateway } from '../testkit/gateway.js';
import { leakReport, readLogLines, scanLog } from '../testkit/log-scan.js';
import { recordSecret } from '../testkit/secrets.js';
import { postGraphql } from './http-helpers.js';

/**
 * A gateway process with a log file of its own, driven with requests that carry every kind of
 * secret (access and refresh tokens, a tampered token, an API-key-shaped credential, a password, a
 * cookie, a token in a query string, WebSocket connection params, an operation that fails
 * unexpectedly): none may reach its log, while the request lines do.
 */
let gw: TestGateway;
let child: ChildProcess | undefined;
let url: string;
let dir: string;
let logFile: string;
const secrets: string[] = [];

function secret(value: string): string {
  secrets.push(value);
  recordSecret(value);
  return value;
}

function startGatewayProcess(): Promise<string> {
  return new Promise((resolve, reject) => {
    child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/main.ts'], {
      env: {
        ...process.env, DATABASE_URL: inject('databaseUrl'), PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test', LOG_LEVEL: 'info', LOG_FILE: logFile,
        JWT_SECRET: testJwtSecret, RATE_LIMIT_IP_PER_MINUTE: '0', RATE_LIMIT_CALLER_PER_SECOND: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`gateway process did not start:\n${output}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      const match = /Folio is up\. GraphiQL: (http:\/\/\S+\/graphql)/.exec(output);
      if (match) { clearTimeout(timer); resolve(match[1]); }
    });
    child.stderr!.on('data', (chunk: Buffer) => { output += chunk; });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`gateway process exited with ${code}:\n${output}`)); });
  });
}

function stopGatewayProcess(): Promise<number | null> {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null) return resolve(child?.exitCode ?? null);
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-log-scan-'));
  logFile = path.join(dir, 'gateway.log');
  gw = await startTestGateway();
  secret(gw.finance.token);
  url = await startGatewayProcess();
});

afterAll(async () => {
  await stopGatewayProcess();
  await gw?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A user with a known password, made directly in the database (the identity API has its own tests). */
async function userWithPassword(): Promise<{ email: string; password: string }> {
  const password = secret(`Pw-${randomBytes(12).toString('base64url')}`);
  const email = `${uniq('logscan')}@example.test`;
  const hash = await argon2.hash(password, { type: argon2.argon2id });
  await sql`insert into folio_user (email, password_hash, role) values (${email}, ${hash}, ${Role.CUSTOMER})`.execute(gw.services.orm.em.fork().getKysely());
  return { email, password };
}

describe('the log of a gateway process driven with secrets', () => {
  it('holds the request lines and none of the secrets', async () => {
    const ids: string[] = [];
    const send = async (query: string, options: Parameters<typeof postGraphql>[2] = {}) => {
      const requestId = `scan-${randomUUID()}`;
      ids.push(requestId);
      return postGraphql(url, query, { ...options, requestId });
    };
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

    // A valid access token, a tampered one, and an API-key-shaped credential that is no key.
    expect((await send('query ScanAccounts { accounts(first: 1) { edges { node { id } } } }', { headers: bearer(gw.finance.token) })).status).toBe(200);
    const tampered = secret(`${gw.finance.token.slice(0, -6)}AAAAAA`);
    const refused = await send('query ScanTampered { accounts(first: 1) { edges { node { id } } } }', { headers: bearer(tampered) });
    expect(refused.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const fakeKey = secret(`folio_${randomBytes(8).toString('hex')}_${randomBytes(32).toString('base64url')}`);
    await send('query ScanApiKey { accounts(first: 1) { edges { node { id } } } }', { headers: bearer(fakeKey) });
    // Secrets in headers the gateway does not use, and in a query string.
    await send('query ScanHeaders { __typename }', { headers: { cookie: `session=${secret(randomBytes(18).toString('hex'))}`, 'x-api-key': secret(randomBytes(18).toString('hex')) } });
    await fetch(`${url}?query=${encodeURIComponent('{ __typename }')}&token=${secret(randomBytes(18).toString('hex'))}`, { headers: { 'apollo-require-preflight': 'true', 'x-request-id': `scan-${randomUUID()}` } });

    // A password: a failed login, a login, a refresh and a logout (tokens in variables and responses).
    const user = await userWithPassword();
    const Login = 'mutation ScanLogin($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }';
    const wrongPassword = secret(`Wrong-${randomBytes(12).toString('base64url')}`);
    expect((await send(Login, { variables: { input: { email: user.email, password: wrongPassword } } })).body.errors?.[0].extensions?.code).toBe('INVALID_CREDENTIALS');
    const login = await send(Login, { variables: { input: user } });
    const session = login.body.data?.login as { accessToken: string; refreshToken: string };
    expect(session, login.text).toBeDefined();
    secret(session.accessToken);
    secret(session.refreshToken);
    const refreshed = await send('mutation ScanRefresh($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }', { variables: { t: session.refreshToken } });
    const next = refreshed.body.data?.refreshSession as { accessToken: string; refreshToken: string };
    secret(next.accessToken);
    secret(next.refreshToken);
    await send('query ScanMe { me { id } }', { headers: bearer(next.accessToken) });
    await send('mutation ScanLogout($t: String!) { logout(refreshToken: $t) }', { variables: { t: next.refreshToken }, headers: bearer(next.accessToken) });
    await send('query ScanRevoked { me { id } }', { headers: bearer(session.refreshToken) });

    // A secret inside a string Folio refuses at the edge (a NUL, which PostgreSQL would refuse:
    // this once reached the database and was logged as an unexpected error, row and all).
    const nul = await send('mutation ScanNul($input: OpenAccountInput!) { openAccount(input: $input) { id } }', {
      headers: bearer(gw.finance.token),
      variables: { input: { code: uniq('nul'), name: `broken\u0000${secret(randomBytes(18).toString('hex'))}`, type: 'ASSET', currency: 'USD' } },
    });
    expect(nul.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', requestId: expect.any(String) });
    const nulRequestId = nul.body.errors![0].extensions!.requestId as string;

    // A WebSocket whose connectionParams carry the token.
    const client = createClient({ url: url.replace('http', 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${gw.finance.token}` } });
    await new Promise<void>((resolve, reject) => {
      client.subscribe({ query: 'query ScanOverWs { accounts(first: 1) { edges { node { id } } } }' }, { next: () => undefined, error: reject, complete: resolve });
    });
    await client.dispose();

    await expect.poll(() => readLogLines('', logFile).filter((line) => line.msg === 'request' && ids.includes(line.requestId!)).length, { timeout: 10_000 }).toBe(ids.length);
    await expect.poll(() => readLogLines('ScanOverWs', logFile).length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await stopGatewayProcess()).toBe(0);

    const lines = readLogLines('', logFile);
    const requestLines = lines.filter((line) => line.msg === 'request' && ids.includes(line.requestId!));
    for (const line of requestLines) {
      expect(line).toMatchObject({ requestId: expect.any(String), caller: expect.any(String), durationMs: expect.any(Number), status: expect.any(Number), path: '/graphql' });
    }
    expect(requestLines.find((line) => line.operationName === 'ScanAccounts')).toMatchObject({ caller: `user:${gw.finance.userId}`, status: 200 });
    expect(requestLines.find((line) => line.operationName === 'ScanTampered')).toMatchObject({ caller: 'anonymous', authFailure: 'access token is invalid', errorCodes: ['UNAUTHENTICATED'] });
    expect(requestLines.find((line) => line.operationName === 'ScanLogin' && line.errorCodes)).toMatchObject({ errorCodes: ['INVALID_CREDENTIALS'] });
    expect(lines.find((line) => line.msg === 'ws operation' && line.operationName === 'ScanOverWs')).toMatchObject({ caller: `user:${gw.finance.userId}`, transport: 'ws' });

    // The refused input is a client's mistake, logged as its request line and not as an unexpected error.
    expect(lines.find((line) => line.requestId === nulRequestId && line.msg === 'request')).toMatchObject({ status: 400 });
    expect(lines.find((line) => line.requestId === nulRequestId && line.msg === 'unexpected error in a GraphQL operation')).toBeUndefined();

    const leaks = scanLog(logFile, secrets);
    expect(leaks, leakReport(leaks)).toEqual([]);
    expect(secrets.length).toBe(13);
  });
});

describe('the log scan', () => {
  it('fails when the log file does not exist, instead of passing having read nothing', () => {
    const missing = path.join(dir, 'never-written.log');
    expect(fs.existsSync(missing)).toBe(false);
    expect(() => scanLog(missing, [`missing-${randomBytes(12).toString('hex')}`])).toThrow(/does not exist/);
    // A run that used no secret (pure unit tests start no gateway, so log nothing) has nothing to find.
    expect(scanLog(missing, [])).toEqual([]);
  });

  it('finds a secret in a log file that has it, and names its place', () => {
    const file = path.join(dir, 'leaky.log');
    const leaked = `leak-${randomBytes(12).toString('hex')}`;
    fs.writeFileSync(file, `${JSON.stringify({ msg: 'ok' })}\n${JSON.stringify({ msg: 'login', password: leaked })}\n`);
    expect(scanLog(file, [leaked])).toEqual([{ kind: 'password or other secret', file, line: 2, field: 'password', msg: 'login' }]);
  });
});
