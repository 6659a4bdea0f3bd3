import { spawn } from 'node:child_process';
import { inject } from 'vitest';
import { Redis } from 'ioredis';
import type { Client } from 'graphql-ws';
import { testJwtSecret } from '../testkit/gateway.js';

export const redisUrl = 'redis://127.0.0.1:6379';

/**
 * Fails (never skips) when the machine's Redis is not there, saying how to start it: the Redis
 * tests are part of the suite, since REDIS_URL is a supported configuration.
 */
export async function requireRedis(): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2_000 });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`Redis is not reachable at ${redisUrl} (${(error as Error).message}); these tests need it. Start it with `
      + '`redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no` (or `docker compose up -d redis`).');
  } finally {
    redis.disconnect();
  }
}

export interface GatewayProcess {
  url: string;
  wsUrl: string;
  stop(): Promise<void>;
  /** SIGKILL: the process dies at once, mid-work, as in a crash. */
  kill(): Promise<void>;
}

/** Starts `src/main.ts` as a separate OS process on the run's database, as a second gateway would run. */
export function spawnGateway(env: Record<string, string>): Promise<GatewayProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/main.ts'], {
      env: {
        ...process.env, DATABASE_URL: inject('databaseUrl'), PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test', JWT_SECRET: testJwtSecret,
        RATE_LIMIT_IP_PER_MINUTE: '0', RATE_LIMIT_CALLER_PER_SECOND: '0', ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    let output = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`second gateway did not start:\n${output}`)); }, 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      // main.ts prints this line on stdout wherever the log goes.
      const match = /Folio is up\. GraphiQL: http:\/\/[^:\s]+:(\d+)\//.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        url: `http://127.0.0.1:${match[1]}/graphql`,
        wsUrl: `ws://127.0.0.1:${match[1]}/graphql`,
        async stop() {
          child.kill('SIGTERM');
          await exited;
        },
        async kill() {
          child.kill('SIGKILL');
          await exited;
        },
      });
    });
    child.stderr!.on('data', (chunk: Buffer) => { output += chunk; });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`second gateway exited with ${code}:\n${output}`)); });
  });
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

/** POSTs one operation as JSON, with optional headers (credentials). */
export async function post(url: string, query: string, headers: Record<string, string> = {}, variables?: Record<string, unknown>): Promise<HttpAnswer> {
  const response = await fetch(url, {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** What one operation over graphql-ws ended with: its result, its errors, or the socket closing. */
export interface WsAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  closed?: { code: number; reason: string };
}

/** Runs one operation over a graphql-ws client to its end (first result for a query or mutation). */
export function wsOnce(client: Client, query: string, variables?: Record<string, unknown>): Promise<WsAnswer> {
  return new Promise((resolve) => {
    let answer: WsAnswer = {};
    const stop = client.subscribe({ query, variables }, {
      next: (result) => { answer = { ...answer, ...result } as WsAnswer; },
      error: (error: unknown) => {
        if (Array.isArray(error)) resolve({ errors: error });
        else if (error && typeof error === 'object' && 'code' in error) resolve({ closed: { code: (error as { code: number }).code, reason: String((error as { reason?: string }).reason) } });
        else resolve({ errors: [{ message: String(error) }] });
      },
      complete: () => { stop(); resolve(answer); },
    });
  });
}

export const codeOf = (answer: { errors?: { extensions?: Record<string, unknown> }[] } | undefined) => answer?.errors?.[0]?.extensions?.code;

/** `n` cheap requests from this process (127.0.0.1) as the caller of `headers`; their HTTP statuses. */
export async function hammer(url: string, n: number, headers: Record<string, string> = {}): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i += 1) statuses.push((await post(url, '{ __typename }', headers)).status);
  return statuses;
}

