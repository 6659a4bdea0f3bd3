import type { ColumnType, InsertType, SelectType } from 'kysely';

/**
 * Column types for the Kysely `Database` interfaces, as the ORM's pool returns them: node-pg reads
 * int8 as a string (never a JS number, which would lose precision), and MikroORM keeps timestamps
 * as the database's text (its PostgreSQL type parsers), so a timestamptz reads as a string too.
 */
export type Int8 = ColumnType<string, string | bigint, string | bigint>;
/** An int8 column with a default (a bigserial id, a total that starts at zero). */
export type GeneratedInt8 = ColumnType<string, string | bigint | undefined, string | bigint>;
export type Timestamptz = ColumnType<string, Date | string, Date | string>;
/** A timestamptz column with a default (`now()`). */
export type GeneratedTimestamptz = ColumnType<string, Date | string | undefined, Date | string>;
/** A json(b) column: read parsed, written as JSON text (node-pg would send a JS array as a PostgreSQL array). */
export type Jsonb<T extends object> = ColumnType<T, string, string>;
/** A json(b) column with a default. */
export type GeneratedJsonb<T extends object> = ColumnType<T, string | undefined, string>;

/**
 * What a column's type says about it: `nullable` (it may hold null), `defaulted` (not null, but an
 * insert may leave it out) or `required`. Derived from the interface, so a list of these cannot
 * drift from it; a test compares the list with the migrated database's catalogue.
 */
export type ColumnFact<T> =
  null extends SelectType<T> ? 'nullable' : undefined extends InsertType<T> ? 'defaulted' : 'required';
export type AnyColumnFact = 'nullable' | 'defaulted' | 'required';

/**
 * Every table of a `Database` interface with every column's fact. Written as an object literal
 * with `satisfies`, a column missing from the literal, an extra one, or a wrong fact fails to compile.
 */
export type ColumnFacts<DB> = { readonly [T in keyof DB]: { readonly [C in keyof DB[T]]-?: ColumnFact<DB[T][C]> } };
