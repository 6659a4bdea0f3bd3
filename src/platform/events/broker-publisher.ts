import { setTimeout as sleep } from 'node:timers/promises';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { connect, headers, nanos, type NatsConnection } from '@nats-io/transport-node';
import pg from 'pg';
import { Counter, Gauge, type Registry } from 'prom-client';
import { logger } from '../logger.js';

/** How an outbox event type goes to the broker: its subject and its payload's schema version. */
export interface BrokerEventSpec {
  subject: string;
  version: number;
  /** What the event says, and its payload's fields (README: events to a broker). */
  description: string;
}

export interface BrokerSettings {
  natsUrl: string;
  /** The JetStream stream (created if missing) whose subjects are `folio.>`. */
  stream: string;
  databaseUrl: string;
  /** Each outbox type's subject; a type no module declared goes to `folio.events.<type>`, version 1. */
  specs: ReadonlyMap<string, BrokerEventSpec>;
  registry: Registry;
  /** Events read from the outbox and published per round, in order. */
  batch?: number;
  /** How long a gateway that is not the publisher waits before trying for the lock again, and the idle poll. */
  idleMs?: number;
}

/** The advisory lock (class 18, object 1) the one publisher across gateways holds on its own connection. */
const publisherLock = 'select pg_try_advisory_lock(18, 1) as got';

/** The header that carries an event's outbox sequence (also its JetStream message id). */
export const sequenceHeader = 'Folio-Sequence';

interface OutboxRow { seq: string; type: string; payload: Record<string, unknown>; created_at: Date }

/**
 * Publishes the outbox's numbered events to NATS JetStream, at least once and in order, from the
 * last sequence the stream holds. One gateway at a time publishes: the one holding a session
 * advisory lock on a connection of its own (the lock goes with the connection, so a gateway that
 * dies hands over at once). Each message has the sequence as its message id (JetStream drops a
 * repeat within the stream's duplicate window) and expects the stream to end where this publisher
 * last left it, so two publishers can never interleave. A failure of NATS or PostgreSQL ends
 * the round; the next one reads the stream's last sequence again and goes on from there.
 */
export class BrokerPublisher {
  readonly name = 'broker-publisher';
  private stopping = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly published: Counter;
  private readonly publishedThrough: Gauge;
  private readonly leader: Gauge;

  constructor(private readonly settings: BrokerSettings) {
    this.published = new Counter({ name: 'folio_broker_published_total', help: 'Outbox events published to NATS JetStream by this gateway.', registers: [settings.registry] });
    this.publishedThrough = new Gauge({ name: 'folio_broker_published_through', help: 'The last outbox sequence JetStream acknowledged, as this gateway last saw it.', registers: [settings.registry] });
    this.leader = new Gauge({ name: 'folio_broker_publisher', help: '1 while this gateway is the one publishing to the broker.', registers: [settings.registry] });
  }

  start(): void {
    this.loop = this.run();
  }

  /** Publishes soon (an event was numbered). */
  poke(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        await this.round();
        failures = 0;
      } catch (error) {
        failures++;
        logger.warn({ err: error, failures }, 'broker publishing stopped; it starts again from the stream’s last sequence');
      }
      this.leader.set(0);
      if (!this.stopping) await this.idle(Math.min(this.idleMs * 2 ** Math.min(failures, 5), 10_000));
    }
  }

  private get idleMs(): number {
    return this.settings.idleMs ?? 500;
  }

  /** Waits `ms`, or until poked or stopped. */
  private async idle(ms: number): Promise<void> {
    const poked = new Promise<void>((resolve) => { this.wake = resolve; });
    await Promise.race([sleep(ms, undefined, { ref: false }), poked]);
    this.wake = undefined;
  }

  /** Holds the lock and publishes until stopped or until something fails; returns at once when another gateway holds it. */
  private async round(): Promise<void> {
    const db = new pg.Client({ connectionString: this.settings.databaseUrl, application_name: 'folio-broker-publisher' });
    db.on('error', (error) => logger.warn({ err: error }, 'broker publisher lost its database connection'));
    let nc: NatsConnection | undefined;
    try {
      await db.connect();
      if (!(await db.query<{ got: boolean }>(publisherLock)).rows[0].got) return;
      nc = await connect({ servers: this.settings.natsUrl, name: 'folio-gateway', reconnect: false, timeout: 2_000 });
      const js = jetstream(nc);
      let { last, streamSeq } = await this.lastPublished(await jetstreamManager(nc));
      this.leader.set(1);
      logger.info({ stream: this.settings.stream, after: String(last) }, 'publishing the outbox to NATS JetStream');
      while (!this.stopping) {
        const { rows } = await db.query<OutboxRow>('select e.seq::text as seq, e.type, e.payload, e.created_at from ledger_event e where e.seq > $1 order by e.seq limit $2', [String(last), this.settings.batch ?? 500]);
        if (rows.length === 0) { await this.idle(this.idleMs); continue; }
        for (const row of rows) {
          streamSeq = await this.publish(js, row, streamSeq);
          last = BigInt(row.seq);
          this.published.inc();
        }
        this.publishedThrough.set(Number(last));
        await db.query('update ledger_event_retention set broker_published_through = $1 where id = 1', [String(last)]);
      }
    } finally {
      await nc?.close().catch(() => undefined);
      await db.end().catch(() => undefined);
    }
  }

  /** The stream (made if missing), and the outbox sequence of its last message: where publishing goes on from. */
  private async lastPublished(jsm: JetStreamManager): Promise<{ last: bigint; streamSeq: number }> {
    const { stream } = this.settings;
    const info = await jsm.streams.info(stream).catch(async (error: unknown) => {
      if (!String((error as Error)?.message ?? error).includes('not found')) throw error;
      return jsm.streams.add({ name: stream, subjects: ['folio.>'], duplicate_window: nanos(10 * 60_000) });
    });
    const streamSeq = info.state.last_seq;
    if (streamSeq === 0) return { last: 0n, streamSeq };
    const message = await jsm.streams.getMessage(stream, { seq: streamSeq });
    const sequence = message?.header?.get(sequenceHeader);
    if (!sequence) throw new Error(`the last message of stream ${stream} has no ${sequenceHeader} header: it is not Folio's`);
    return { last: BigInt(sequence), streamSeq };
  }

  /** Publishes one event where the stream's last message is `streamSeq`; returns the stream's last sequence after it. */
  private async publish(js: JetStreamClient, row: OutboxRow, streamSeq: number): Promise<number> {
    const spec = this.settings.specs.get(row.type) ?? { subject: `folio.events.${row.type.toLowerCase()}`, version: 1 };
    const hdrs = headers();
    hdrs.set(sequenceHeader, row.seq);
    hdrs.set('Folio-Schema', `${spec.subject}/v${spec.version}`);
    const body = JSON.stringify({ schema: `${spec.subject}/v${spec.version}`, sequence: row.seq, type: row.type, occurredAt: new Date(row.created_at).toISOString(), payload: row.payload });
    const ack = await js.publish(spec.subject, body, {
      msgID: row.seq, headers: hdrs,
      // The stream must still end where this publisher last saw it (its sequences survive a NATS
      // restart, unlike its last message id): a second publisher cannot interleave.
      expect: { streamName: this.settings.stream, lastSequence: streamSeq },
    });
    return ack.duplicate ? streamSeq : ack.seq;
  }
}
