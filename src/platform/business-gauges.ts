import type { MikroORM } from '@mikro-orm/postgresql';
import type { Kysely } from 'kysely';
import { Gauge, type Registry } from 'prom-client';
import { logger } from './logger.js';

/** A figure a finance or operations dashboard graphs, read from the database when Prometheus scrapes. */
export interface BusinessGauge {
  name: string;
  help: string;
  labelNames: readonly string[];
  /** Its values now, one per label set (each query bounded: aggregates over indexed rows). */
  read(db: Kysely<any>): Promise<{ labels: Record<string, string>; value: number }[]>;
}

/** How long a read is reused: a scrape every few seconds costs the database a query per gauge every this often. */
const freshForMs = 15_000;

/**
 * Registers the gauges. Each is read at a scrape when its last read is older than `freshForMs`;
 * a read that fails keeps the last values (and is logged), so /metrics never fails for it. Every
 * gateway reports the same database-wide values: graph them with `max`, not `sum`.
 */
export function registerBusinessGauges(orm: MikroORM, registry: Registry, gauges: readonly BusinessGauge[]): void {
  for (const spec of gauges) {
    let readAt = 0;
    let reading: Promise<void> | undefined;
    new Gauge({
      name: spec.name, help: `${spec.help} (database-wide, read at most every ${freshForMs / 1000} s)`, labelNames: [...spec.labelNames], registers: [registry],
      async collect() {
        if (Date.now() - readAt < freshForMs) return;
        reading ??= spec.read(orm.em.fork().getKysely() as Kysely<any>).then((values) => {
          this.reset();
          for (const { labels, value } of values) this.set(labels, value);
          readAt = Date.now();
        }, (error: unknown) => logger.warn({ err: error, gauge: spec.name }, 'a business gauge could not be read; /metrics keeps its last values'))
          .finally(() => { reading = undefined; });
        await reading;
      },
    });
  }
}

/** A gauge per currency from a query that selects `currency` and `value` (as text, for exact sums). */
export function perCurrency(name: string, help: string, query: (db: Kysely<any>) => Promise<{ rows: { currency: string; value: string | number }[] }>): BusinessGauge {
  return {
    name, help, labelNames: ['currency'],
    async read(db) {
      return (await query(db)).rows.map((row) => ({ labels: { currency: row.currency.trim() }, value: Number(row.value) }));
    },
  };
}
