import type { EntityManager, EntityName } from '@mikro-orm/postgresql';
import { invariant } from './ledger.errors.js';
import type { CompanionRows } from './ledger-ops.js';

/**
 * A module's own rows that must commit with the entry a post creates (a transfer's lines of wallet
 * history), named by the module's entity and its property names; each row gets the new entry's id
 * in `entryProperty`. A replayed or refused post writes none. How they are written is the ledger's
 * business: in the post's own statement batch, so a post outside a module transaction still
 * coalesces with its neighbours in the writer.
 */
export interface EntryRows<T extends object = Record<string, unknown>> {
  entity: EntityName<T>;
  entryProperty: keyof T & string;
  rows: readonly Partial<T>[];
}

function columnValue(value: unknown): string | number | boolean | null {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  invariant(false, `an entry row's value must be a scalar, a bigint or a Date, got ${typeof value}`);
}

/** The writer's form: the entity's table and column names, from the ORM's metadata (never from the module). */
export function companionsOf<T extends object>(em: EntityManager, rows: EntryRows<T>): CompanionRows {
  const meta = em.getMetadata(rows.entity);
  const column = (property: string) => {
    const names = (meta.properties as Record<string, { fieldNames?: string[] } | undefined>)[property]?.fieldNames;
    invariant(names?.length === 1, `${meta.className}.${property} is not a property with one column`);
    return names[0];
  };
  return {
    table: meta.tableName,
    entryColumn: column(rows.entryProperty),
    rows: rows.rows.map((row) => Object.fromEntries(Object.entries(row)
      .filter(([, value]) => value !== undefined)
      .map(([property, value]) => [column(property), columnValue(value)]))),
  };
}

/** The rows as PostgreSQL returned them, mapped back to the module's entity. */
export function entitiesOf<T extends object>(em: EntityManager, rows: EntryRows<T>, written: readonly Record<string, unknown>[]): T[] {
  return written.map((row) => em.map(rows.entity as EntityName<T>, row as never) as T);
}
