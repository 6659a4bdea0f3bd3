// The caller's session, kept in memory only (never in localStorage): the access token for every
// request and the WebSocket, refreshed with the refresh token a minute before it expires.
import { graphqlUrl } from './urls';

export interface SessionUser { id: string; email: string; role: 'ADMIN' | 'FINANCE' | 'MERCHANT' | 'CUSTOMER' }
export interface Session { accessToken: string; accessTokenExpiresAt: string; refreshToken: string; user: SessionUser }

const sessionFields = 'accessToken accessTokenExpiresAt refreshToken user { id email role }';
type Listener = (session: Session | null) => void;

/** A GraphQL error as the API sends it: its message and stable code. */
export class ApiError extends Error {
  constructor(message: string, readonly code: string) { super(message); }
}

async function post<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await fetch(graphqlUrl(), {
    method: 'POST', headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json() as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  if (body.errors?.length) throw new ApiError(body.errors[0].message, body.errors[0].extensions?.code ?? 'ERROR');
  return body.data as T;
}

class SessionStore {
  private current: Session | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<Listener>();

  get session(): Session | null { return this.current; }
  get token(): string | undefined { return this.current?.accessToken; }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  async login(email: string, password: string): Promise<void> {
    const data = await post<{ login: Session }>(`mutation AppLogin($input: LoginInput!) { login(input: $input) { ${sessionFields} } }`, { input: { email, password } });
    this.set(data.login);
  }

  async logout(): Promise<void> {
    const refreshToken = this.current?.refreshToken;
    this.set(null);
    if (refreshToken) await post('mutation AppLogout($refreshToken: String!) { logout(refreshToken: $refreshToken) }', { refreshToken }).catch(() => undefined);
  }

  private set(session: Session | null): void {
    clearTimeout(this.timer);
    this.current = session;
    if (session) {
      // A minute before expiry (at the earliest in five seconds): the next token, then the one after.
      const wait = Math.max(5_000, new Date(session.accessTokenExpiresAt).getTime() - Date.now() - 60_000);
      this.timer = setTimeout(() => void this.refresh(), wait);
    }
    for (const listener of this.listeners) listener(session);
  }

  private async refresh(): Promise<void> {
    if (!this.current) return;
    try {
      const data = await post<{ refreshSession: Session }>(`mutation AppRefresh($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { ${sessionFields} } }`, { refreshToken: this.current.refreshToken });
      this.set(data.refreshSession);
    } catch {
      this.set(null);
    }
  }
}

export const sessions = new SessionStore();
