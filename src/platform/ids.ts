/**
 * Global ids: a short type prefix and the row id (`acc_42`, `ent_1001`). Stable, unique across
 * types, readable in GraphiQL, and enough for Apollo Client and urql to normalise their caches.
 *
 * Platform knows no object type: each module declares its prefixes in its own `<module>.ids.ts`,
 * which adds them to `IdPrefixes` (declaration merging, for the types) and registers them here
 * (for the run time) when it is imported, so every file that names one of its types has them.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface IdPrefixes {}
export type IdType = keyof IdPrefixes & string;

const prefixOfType = new Map<string, string>();
const typeOfPrefix = new Map<string, string>();

/** Registers a module's prefixes; a prefix or type already taken by another is a wiring bug. */
export function registerIdPrefixes(prefixes: Readonly<Record<string, string>>): void {
  for (const [type, prefix] of Object.entries(prefixes)) {
    if (!/^[a-z]{1,8}$/.test(prefix)) throw new Error(`global-id prefix "${prefix}" of ${type} must be 1 to 8 lower-case letters`);
    const takenBy = typeOfPrefix.get(prefix);
    if ((takenBy && takenBy !== type) || (prefixOfType.has(type) && prefixOfType.get(type) !== prefix)) {
      throw new Error(`global-id prefix "${prefix}" of ${type} clashes with ${takenBy ?? prefixOfType.get(type)}`);
    }
    prefixOfType.set(type, prefix);
    typeOfPrefix.set(prefix, type);
  }
}

export function prefixOf(type: IdType): string {
  const prefix = prefixOfType.get(type);
  if (!prefix) throw new Error(`no global-id prefix is registered for ${type}: import its module's ids file`);
  return prefix;
}

/** The type a prefix names, or undefined. */
export function typeOfIdPrefix(prefix: string): IdType | undefined {
  return typeOfPrefix.get(prefix) as IdType | undefined;
}

export function toGlobalId(type: IdType, id: string | bigint): string {
  return `${prefixOf(type)}_${id}`;
}
