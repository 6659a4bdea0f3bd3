/** One page of rows read as `first + 1`: the extra row only tells whether a next page exists. */
export interface Page<T> { rows: T[]; hasMore: boolean }

/** The page of `first` rows out of the `first + 1` a list query read. */
export function pageOf<T>(rows: T[], first: number): Page<T> {
  return { rows: rows.slice(0, first), hasMore: rows.length > first };
}

/** A LIKE pattern matching everything that starts with `text`, its wildcards escaped. */
export function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
