import pg from 'pg';
import { Counter, Gauge, type Registry } from 'prom-client';
import { limits } from '../limits.js';
import { logger } from '../logger.js';

/** `listening` while the LISTEN connection is up; `reconnecting` while it is being re-established. */
export type ListenerState = 'listening' | 'reconnecting';

/** The LISTEN connection's name in pg_stat_activity. */
export const listenerApplicationName = 'folio-listener';

/**
 * The gateway's one LISTEN connection to PostgreSQL, shared by everything in platform that waits
 * for a NOTIFY (the event hub, the invalidation channel). A notification sent while it is down is
 * lost, so each user hears `onConnected` (start, and every reconnect: catch up on what was missed)
 * and `onLost` (stop trusting that silence means nothing changed). When the connection is lost it
 * is re-established with backoff and jitter until it succeeds or the listener stops: a PostgreSQL
 * that is restarting refuses connections (57P03) for a while.
 */
export class PgListener {
  private readonly channels = new Map<string, ((payload: string) => void)[]>();
  private readonly connected: (() => void)[] = [];
  private readonly lost: (() => void)[] = [];
  private client: pg.Client | undefined;
  private started = false;
  private stopped = false;
  private reconnecting: Promise<void> | undefined;
  private readonly reconnects: Counter;

  constructor(private readonly databaseUrl: string, registry?: Registry) {
    const registers = registry ? [registry] : [];
    const listener = this;
    // The names predate this class (the event hub owned the connection); dashboards use them.
    new Gauge({ name: 'folio_event_listener_connected', help: 'Whether the gateway is LISTENing for notifications (1) or reconnecting (0).', registers,
      collect() { this.set(listener.client ? 1 : 0); } });
    this.reconnects = new Counter({ name: 'folio_event_listener_reconnects_total', help: 'Times the gateway re-established its LISTEN connection after losing it.', registers });
  }

  get state(): ListenerState {
    return this.client ? 'listening' : 'reconnecting';
  }

  /** The PostgreSQL backend of the connection while it is up (pg_stat_activity's pid). */
  get backendPid(): number | undefined {
    return (this.client as { processID?: number } | undefined)?.processID;
  }

  /** Calls `handler` with each notification's payload on `channel`; register before `start`. */
  on(channel: string, handler: (payload: string) => void): void {
    if (this.started) throw new Error(`listen to ${channel} before the listener starts`);
    this.channels.set(channel, [...(this.channels.get(channel) ?? []), handler]);
  }

  /** Runs once LISTEN is in place: at start and after every reconnect. */
  onConnected(handler: () => void): void {
    this.connected.push(handler);
  }

  /** Runs as soon as the connection is known to be lost. */
  onLost(handler: () => void): void {
    this.lost.push(handler);
  }

  async start(): Promise<void> {
    this.started = true;
    await this.listen();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.reconnecting;
    const client = this.client;
    this.client = undefined;
    if (client) this.lost.forEach((handler) => handler());
    await client?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl, application_name: listenerApplicationName, keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
    client.on('notification', ({ channel, payload }) => {
      for (const handler of this.channels.get(channel) ?? []) handler(payload ?? '');
    });
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      logger.warn({ err: error }, 'event listener connection lost; reconnecting');
      this.client = undefined;
      this.lost.forEach((handler) => handler());
      void this.reconnect();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      for (const channel of this.channels.keys()) await client.query(`listen ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.stopped) { await client.end().catch(() => undefined); return; }
    this.client = client;
    this.connected.forEach((handler) => handler());
  }

  private reconnect(): Promise<void> {
    this.reconnecting ??= (async () => {
      for (let attempt = 1; !this.stopped; attempt += 1) {
        const delay = Math.min(limits.eventListenerReconnectMaxMs, 250 * 2 ** Math.min(attempt - 1, 8));
        await new Promise((resolve) => setTimeout(resolve, delay / 2 + Math.random() * delay / 2));
        if (this.stopped) return;
        try {
          await this.listen();
          this.reconnects.inc();
          logger.info({ attempt }, 'event listener reconnected');
          return;
        } catch (error) {
          logger.warn({ err: error, attempt }, 'event listener reconnect failed; trying again');
        }
      }
    })().finally(() => { this.reconnecting = undefined; });
    return this.reconnecting;
  }
}
