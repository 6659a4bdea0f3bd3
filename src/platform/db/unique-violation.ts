/**
 * A unique constraint refused a module's own row, and running the work again would not change
 * that (an external id already taken): a typed result for the module to turn into its own error.
 * `constraint` is the constraint's name, as the module declared it in its entity.
 */
export class UniqueViolation extends Error {
  constructor(readonly table: string, readonly constraint: string, options?: { cause?: unknown }) {
    super(`unique constraint ${constraint} on ${table} refused the row`, options);
    this.name = 'UniqueViolation';
  }
}

/** The table and constraint of a PostgreSQL unique violation (23505), raw or wrapped by MikroORM; undefined for anything else. */
export function uniqueViolationOf(error: unknown): { table: string; constraint: string } | undefined {
  const e = error as { code?: unknown; table?: unknown; constraint?: unknown } | null;
  if (!e || e.code !== '23505') return undefined;
  return { table: String(e.table ?? ''), constraint: String(e.constraint ?? '') };
}
