/**
 * Every limit Folio enforces, in one place, each named with its unit last.
 * A limit protects the database and the other clients from one caller's mistake or abuse.
 */
export const limits = {
  /** Postings in one journal entry. */
  postingsPerEntryMax: 100,
  /** Entries in one postEntries batch mutation. */
  entriesPerBatchMax: 500,
  /** Entries the posting writer puts in one database transaction when it coalesces requests. */
  writerBatchEntriesMax: 200,
  /** Concurrent writer transactions per gateway process (writer lanes). */
  writerLanes: 2,
  /** Times a transaction that hit a deadlock or serialisation failure is retried before giving up. */
  writerRetriesMax: 5,
  /** How long a posting transaction waits for a row lock before it fails and is retried. */
  lockTimeoutMs: 5_000,
  /** A session idle inside a transaction this long is ended by PostgreSQL, releasing its locks. */
  idleInTransactionMs: 60_000,
  /** Items in one page of any connection. */
  pageSizeMax: 100,
  /** Page size when the client gives none. */
  pageSizeDefault: 20,
  /** Account ids in one balanceChanged subscription. */
  subscriptionAccountsMax: 100,
  /** Events a reconnecting subscriber may replay from the outbox in one page. */
  eventReplayPageMax: 500,
  /** Length of account codes, names, descriptions and idempotency keys. */
  accountCodeLengthMax: 200,
  nameLengthMax: 200,
  descriptionLengthMax: 1_000,
  idempotencyKeyLengthMax: 200,
  /** Serialised size of one metadata object. */
  metadataBytesMax: 8_192,
  /** Digits in an amount string; 2^63-1 has 19. */
  amountDigitsMax: 19,
  /** How far in the future an entry's effective time may be, to absorb clock skew. */
  effectiveAtFutureSkewMs: 60_000,
  /** How often each gateway looks for expired pending entries. */
  expirySweepIntervalMs: 1_000,
  /** Pending entries expired per sweep. */
  expirySweepBatchMax: 200,
  /** How often the outbox relay runs when nothing pokes it. */
  relayPollIntervalMs: 200,
  /** Events the relay numbers in one transaction. */
  relayBatchMax: 1_000,
  /** Request body size for /graphql. */
  requestBodyBytesMax: 1_048_576,
} as const;
