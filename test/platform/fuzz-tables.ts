import pg from 'pg';

/**
 * Tables whose rows change when a request is refused, by design: the login limiter counts failed
 * logins (in rate_limit when there is no Redis), and the migrations table only changes at start.
 */
const notWatched = new Set(['rate_limit', 'mikro_orm_migrations']);

/** Per table: its row count and the sum of its rows' xmin, which an insert, update or delete changes. */
export type Snapshot = Record<string, string>;

/**
 * Watches every table of a database the fuzz suite owns alone (so any change is the suite's own):
 * a refused request must leave every snapshot as it was. Read from the catalogue, so a table a new
 * module adds is watched without a change here.
 */
export class TableWatch {
  private query = '';
  tables: string[] = [];

  private constructor(private readonly client: pg.Client) {}

  static async open(databaseUrl: string): Promise<TableWatch> {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const watch = new TableWatch(client);
    const { rows } = await client.query<{ name: string }>(
      `select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`);
    const tables = rows.map((row) => row.name).filter((name) => !notWatched.has(name));
    if (tables.length === 0) throw new Error(`no tables to watch in ${databaseUrl}: is it migrated?`);
    watch.tables = tables;
    watch.query = tables.map((name) => `select '${name}' as name, count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) as state from "${name}"`).join(' union all ');
    return watch;
  }

  async snapshot(): Promise<Snapshot> {
    const { rows } = await this.client.query<{ name: string; state: string }>(this.query);
    return Object.fromEntries(rows.map((row) => [row.name, row.state]));
  }

  /**
   * Waits until nothing has changed for `quietMs` (the workers a success woke have finished), or
   * `timeoutMs` have passed.
   */
  async settle(quietMs: number, timeoutMs = 30_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    let last = JSON.stringify(await this.snapshot());
    let since = Date.now();
    while (Date.now() - since < quietMs && Date.now() < end) {
      await new Promise((resolve) => setTimeout(resolve, 15));
      const now = JSON.stringify(await this.snapshot());
      if (now !== last) [last, since] = [now, Date.now()];
    }
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

/** The tables whose state differs, as `table count:xminsum -> count:xminsum`. */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
  return Object.keys(after).filter((name) => before[name] !== after[name]).map((name) => `${name} ${before[name]} -> ${after[name]}`);
}
