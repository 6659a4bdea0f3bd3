import { randomBytes } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { Role } from '../../src/platform/auth/roles.js';
import type { CallerKind } from '../access/access-matrix.js';
import type { TestCaller, TestGateway } from '../testkit/gateway.js';
import { recordSecret } from '../testkit/secrets.js';

/** An answer as a client sees it: the HTTP status, the body as text and as JSON (when it is JSON). */
export interface Answer {
  status: number;
  text: string;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] } | undefined;
}

/** An object some answer showed: its global id, its type, and which caller made or saw it. */
interface Found { id: string; type: string; owner: CallerKind }

const staff: readonly CallerKind[] = ['FINANCE', 'ADMIN'];
const secretFields = new Set(['accessToken', 'refreshToken', 'key']);

/**
 * The fuzz suite's data and principals: one user of each role (and anonymous), funded wallets,
 * ledger accounts, and what every successful answer showed (ids by type, strings by field name),
 * from which valid base inputs are made. It also makes fresh objects on demand (a pending entry to
 * commit, a payout to cancel), always through the API as a client would.
 */
export class FuzzWorld {
  private readonly found: Found[] = [];
  private readonly sockets = new Map<CallerKind, Client>();
  private readonly seen = new Map<string, string[]>();
  private counter = 0;
  /** Set when something was written that background workers may still be acting on. */
  dirty = true;
  bank = '';
  bankCode = '';
  accounts: { id: string; code: string }[] = [];
  login = { email: '', password: '' };
  recipient = { id: '', email: '' };

  private constructor(private readonly gw: TestGateway, readonly callers: Record<CallerKind, TestCaller | null>) {}

  static async create(gw: TestGateway): Promise<FuzzWorld> {
    const callers: Record<CallerKind, TestCaller | null> = {
      anonymous: null, CUSTOMER: await gw.user(Role.CUSTOMER, 'fz-customer'), MERCHANT: await gw.user(Role.MERCHANT, 'fz-merchant'),
      FINANCE: gw.finance, ADMIN: await gw.user(Role.ADMIN, 'fz-admin'),
    };
    const world = new FuzzWorld(gw, callers);
    await world.setUp();
    return world;
  }

  private async setUp(): Promise<void> {
    for (const kind of ['CUSTOMER', 'MERCHANT', 'FINANCE', 'ADMIN'] as const) {
      await this.call(kind, 'query FuzzMe { me { __typename id email } }');
      await this.topUp(kind);
    }
    const open = (type: string, negativeBalance: string) => this.call('FINANCE', `mutation FuzzOpen($input: OpenAccountInput!) { openAccount(input: $input) { __typename id code } }`,
      { input: { code: this.unique('fz:acct'), name: 'Fuzz account', type, currency: 'USD', negativeBalance } });
    const bank = (await open('ASSET', 'ALLOW')).openAccount as { id: string; code: string };
    [this.bank, this.bankCode] = [bank.id, bank.code];
    for (let i = 0; i < 2; i += 1) this.accounts.push((await open('LIABILITY', 'FORBID')).openAccount as { id: string; code: string });
    const recipient = await this.gw.user(Role.CUSTOMER, 'fz-recipient');
    const me = (await this.call('CUSTOMER', 'query FuzzMe { me { id } }', {}, recipient)).me as { id: string };
    this.recipient = { id: me.id, email: recipient.email };
    await this.call('CUSTOMER', 'mutation FuzzWallet { openWallet(currency: "USD") { __typename id } }', {}, recipient);
    this.login = { email: `${this.unique('fz-login')}@example.test`, password: this.password() };
    await this.call('anonymous', 'mutation FuzzRegister($input: RegisterInput!) { register(input: $input) { email } }', { input: this.login });
  }

  /** A value no other case has used (keys, codes, references). */
  unique(label: string): string {
    this.counter += 1;
    return `${label}-${this.counter}-${randomBytes(3).toString('hex')}`;
  }

  /** A password the policy accepts, recorded so the log scan looks for it. */
  password(): string {
    const password = `Fz-${randomBytes(12).toString('base64url')}`;
    recordSecret(password);
    return password;
  }

  /** Sends one operation over HTTP as the caller, as a client would. */
  async send(kind: CallerKind, query: string, variables: Record<string, unknown> = {}, as?: TestCaller): Promise<Answer> {
    const caller = as ?? this.callers[kind];
    const response = await fetch(this.gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(caller?.headers ?? {}) },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    let body: Answer['body'];
    try { body = JSON.parse(text) as Answer['body']; } catch { body = undefined; }
    return { status: response.status, text, body };
  }

  /**
   * Deposits into the caller's own wallet: a payout of "all of it" (an amount left out or null) may
   * have emptied it, and later cases should get past INSUFFICIENT_FUNDS.
   */
  async topUp(kind: CallerKind): Promise<void> {
    await this.call(kind, 'mutation FuzzFund($input: DepositInput!) { deposit(input: $input) { __typename id } }',
      { input: { currency: 'USD', amount: '1000000000000', reference: this.unique('fund'), idempotencyKey: this.unique('fund') } });
  }

  /**
   * Subscribes over graphql-ws as the caller and answers with the first thing that comes (an event,
   * the errors of a refusal, the socket closing), or, after `waitMs`, with an empty success: a valid
   * subscription with nothing to replay. A close is reported with its code as the HTTP status.
   */
  async subscribe(kind: CallerKind, query: string, variables: Record<string, unknown>, waitMs = 300): Promise<Answer> {
    let socket = this.sockets.get(kind);
    if (!socket) {
      const caller = this.callers[kind];
      socket = (caller ? this.gw.as(caller) : this.gw.as(null)).ws();
      this.sockets.set(kind, socket);
    }
    return new Promise<Answer>((resolve) => {
      let stop = () => undefined as void;
      const end = (answer: Answer) => { clearTimeout(timer); stop(); resolve(answer); };
      const timer = setTimeout(() => end({ status: 200, text: '{"data":{}}', body: { data: {} } }), waitMs);
      stop = socket.subscribe({ query, variables }, {
        next: (value) => end({ status: 200, text: JSON.stringify(value), body: value as Answer['body'] }),
        error: (error) => {
          if (Array.isArray(error)) return end({ status: 200, text: JSON.stringify({ errors: error }), body: { errors: error } });
          const close = error as { code?: number; reason?: string };
          // 4400 and the like are a refusal the client caused; 1011 and 4500 are the server's failure.
          end({ status: close.code === 1011 || close.code === 4500 ? 500 : 400, text: `closed ${close.code} ${close.reason}`, body: { errors: [{ message: `closed ${close.code} ${close.reason}`, extensions: { code: `CLOSE_${close.code}` } }] } });
        },
        complete: () => end({ status: 200, text: '{"data":{}}', body: { data: {} } }),
      });
    });
  }

  /** Sends an operation that must succeed (setting up a case); its answer feeds the pools. */
  async call(kind: CallerKind, query: string, variables: Record<string, unknown> = {}, as?: TestCaller): Promise<Record<string, unknown>> {
    let answer = await this.send(kind, query, variables, as);
    if (!as && kind !== 'anonymous' && answer.body?.errors?.[0]?.extensions?.code === 'INSUFFICIENT_FUNDS') {
      await this.topUp(kind);
      answer = await this.send(kind, query, variables, as);
    }
    if (!answer.body?.data || answer.body.errors) throw new Error(`fuzz setup step failed: ${query.slice(0, 80)}: ${answer.text.slice(0, 500)}`);
    this.dirty = true;
    this.harvest(answer.body.data, as ? 'anonymous' : kind);
    return answer.body.data;
  }

  /** Remembers every object id (by type) and string (by field name) an answer showed. */
  harvest(data: unknown, owner: CallerKind): void {
    const stack: unknown[] = [data];
    while (stack.length > 0) {
      const value = stack.pop();
      if (Array.isArray(value)) { stack.push(...value); continue; }
      if (value === null || typeof value !== 'object') continue;
      const object = value as Record<string, unknown>;
      if (typeof object.__typename === 'string' && typeof object.id === 'string') this.found.push({ id: object.id, type: object.__typename, owner });
      for (const [name, inner] of Object.entries(object)) {
        if (typeof inner === 'string') {
          if (secretFields.has(name)) recordSecret(inner);
          const list = this.seen.get(name) ?? [];
          if (!list.includes(inner)) this.seen.set(name, [...list.slice(-49), inner]);
        } else stack.push(inner);
      }
    }
  }

  /** A string some answer showed in a field of this name, or undefined. */
  seenValue(name: string, variant: number): string | undefined {
    const list = this.seen.get(name) ?? [];
    return list.length > 0 ? list[variant % list.length] : undefined;
  }

  /**
   * The global id of an object of `typeName` (any type when undefined or none is known): one the
   * caller made or saw itself when it has one, else any (staff may use any).
   */
  idOf(typeName: string | undefined, caller: CallerKind, variant: number): string {
    const ofType = this.found.filter((f) => !typeName || f.type === typeName || f.type.endsWith(typeName));
    const pool = ofType.length > 0 ? ofType : this.found;
    const own = staff.includes(caller) ? pool : pool.filter((f) => f.owner === caller);
    const from = own.length > 0 ? own : pool;
    return from.length > 0 ? from[variant % from.length].id : 'x_1';
  }

  /** Two postings moving 100 from the bank to a ledger account, by id, or by code for `byCode` (else as the variant says). */
  postings(variant: number, byCode?: number): Record<string, unknown>[] {
    const to = this.accounts[variant % this.accounts.length];
    const bank = this.bankCode;
    const codes = byCode === undefined ? [false, (variant >> 1) % 2 === 1] : [byCode === 0, byCode === 1];
    return [
      { ...(codes[0] ? { accountCode: bank } : { accountId: this.bank }), direction: 'DEBIT', amount: '100', currency: 'USD' },
      { ...(codes[1] ? { accountCode: to.code } : { accountId: to.id }), direction: 'CREDIT', amount: '100', currency: 'USD' },
    ];
  }

  /** A fresh entry, POSTED or PENDING (held until committed or voided). */
  async entry(pending: boolean, variant: number): Promise<string> {
    const data = await this.call('FINANCE', 'mutation FuzzEntry($input: PostEntryInput!) { postEntry(input: $input) { __typename id } }',
      { input: { idempotencyKey: this.unique('fz-entry'), pending, postings: this.postings(variant) } });
    return (data.postEntry as { id: string }).id;
  }

  /** A fresh ledger account (to update). */
  async account(): Promise<string> {
    const data = await this.call('FINANCE', 'mutation FuzzOpen($input: OpenAccountInput!) { openAccount(input: $input) { __typename id code } }',
      { input: { code: this.unique('fz:upd'), name: 'Fuzz account', type: 'LIABILITY', currency: 'USD' } });
    return (data.openAccount as { id: string }).id;
  }

  /** The wallet owner a case acts for: the caller itself, or the customer when staff act for others. */
  private owner(caller: CallerKind): CallerKind {
    return caller === 'anonymous' ? 'CUSTOMER' : caller;
  }

  /** A fresh REQUESTED payout of the caller (still in its cancellation window). */
  async payout(caller: CallerKind): Promise<string> {
    const data = await this.call(this.owner(caller), 'mutation FuzzPayout($input: RequestPayoutInput!) { requestPayout(input: $input) { __typename id } }',
      { input: { currency: 'USD', amount: '1000', idempotencyKey: this.unique('fz-po') } });
    return (data.requestPayout as { id: string }).id;
  }

  /** A fresh FAILED withdrawal of the caller (to retry): the simulated processor declines `sim:fail`. */
  async failedWithdrawal(caller: CallerKind): Promise<string> {
    const owner = this.owner(caller);
    const data = await this.call(owner, 'mutation FuzzWithdraw($input: RequestWithdrawalInput!) { requestWithdrawal(input: $input) { __typename id } }',
      { input: { currency: 'USD', amount: '100', destination: 'sim:fail', idempotencyKey: this.unique('fz-wd') } });
    const id = (data.requestWithdrawal as { id: string }).id;
    for (let i = 0; i < 200; i += 1) {
      const seen = await this.send(owner, 'query FuzzWithdrawal($id: ID!) { withdrawal(id: $id) { status } }', { id });
      if ((seen.body?.data?.withdrawal as { status?: string } | null)?.status === 'FAILED') return id;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`withdrawal ${id} never FAILED`);
  }

  /** A fresh customer (to change, or to give an API key to); never one of the suite's callers. */
  async victim(): Promise<string> {
    const user = await this.gw.user(Role.CUSTOMER, 'fz-victim');
    return ((await this.call('CUSTOMER', 'query FuzzMe { me { __typename id } }', {}, user)).me as { id: string }).id;
  }

  /** A fresh API key (to revoke). */
  async apiKey(): Promise<string> {
    const data = await this.call('ADMIN', 'mutation FuzzKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { __typename id } } }',
      { input: { name: this.unique('fz-key'), roles: ['FINANCE'] } });
    return ((data.createApiKey as { apiKey: { id: string } }).apiKey).id;
  }

  /** A fresh session's refresh token (to refresh or end). */
  async refreshToken(): Promise<string> {
    const data = await this.call('anonymous', 'mutation FuzzLogin($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }', { input: this.login });
    return (data.login as { refreshToken: string }).refreshToken;
  }
}
