/**
 * The base of every expected, typed failure in Folio. `code` is part of the API (never rename one);
 * `details` go to the client as error extensions; the GraphQL layer maps it in one place (errors.ts).
 */
export class FolioError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'FolioError';
  }
}
