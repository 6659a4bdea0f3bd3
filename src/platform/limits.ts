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
  /** The writer's wait before its n-th retry is a random time up to this × n (linear backoff, full jitter). */
  writerRetryDelayMs: 5,
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
  /** Items a slow subscriber may have waiting before its subscription ends (SUBSCRIPTION_INTERRUPTED, resumable). */
  subscriberBufferMax: 10_000,
  /** Recent events whose EntityManager and DataLoaders this gateway's subscribers share. */
  subscriptionEventScopesMax: 256,
  /** Recent subscription answers shared by subscribers with the same document, variables and kind of caller. */
  subscriptionSharedResultsMax: 4_096,
  /** Events a reconnecting subscriber may replay from the outbox in one page. */
  eventReplayPageMax: 500,
  /** Length of account codes, names, descriptions and idempotency keys. */
  accountCodeLengthMax: 200,
  nameLengthMax: 200,
  descriptionLengthMax: 1_000,
  idempotencyKeyLengthMax: 200,
  /** Serialised size of one metadata object. */
  metadataBytesMax: 8_192,
  /** The longest wait between two attempts to re-establish the gateway's LISTEN connection (events and invalidations). */
  eventListenerReconnectMaxMs: 5_000,
  /** Nesting of a request's variables and JSON values (metadata): objects and arrays inside one another. */
  inputDepthMax: 32,
  /** Digits in an amount string; 2^63-1 has 19. */
  amountDigitsMax: 19,
  /**
   * Balance changes (postings, holds, releases) of one account between two of its checkpoints, at
   * most: a balance `asOf` reads one checkpoint and at most this many index entries. A larger span
   * means fewer checkpoints for a backdated entry to move; LEDGER_CHECKPOINT_SPAN overrides it.
   */
  balanceCheckpointSpanMax: 1_000,
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
  /** Sequence numbers (so events at most) the outbox retention deletes in one transaction; a full batch is followed by the next at once. */
  eventRetentionBatchMax: 1_000,
  /**
   * Estimated V8 heap (bytes) of the parsed and validated documents Apollo keeps, so a repeated
   * query is not parsed again (document-cache.ts): about 120 documents of 20 aliased mutations, or
   * 7,000 of a few fields. Apollo's default (30 MiB of JSON) is 120–150 MB of heap.
   */
  documentCacheBytesMax: 16_777_216,
  /** Request body size for /graphql. */
  requestBodyBytesMax: 1_048_576,
  /** Length of an operation name that logs and metrics show; a longer one is shown as absent. */
  operationNameLengthMax: 64,
  /** Distinct operation names kept as metric labels; later ones are counted as `other`. */
  metricsOperationLabelsMax: 200,
  /** Distinct error codes kept as metric labels; later ones are counted as `OTHER`. */
  metricsErrorCodeLabelsMax: 100,
  /** How long a request waits for a database connection (a new one, or a free one of the pool) before SERVICE_UNAVAILABLE. */
  dbConnectTimeoutMs: 5_000,
  /** The Retry-After of a SERVICE_UNAVAILABLE answer (the database unreachable): a restart takes seconds. */
  unavailableRetryAfterSeconds: 2,
  /** How long /readyz waits for the database's `select 1` before answering 503. */
  readinessDbTimeoutMs: 2_000,
  /** How long /readyz trusts its last "no pending migrations" answer (reading them costs a glob and a query). */
  readinessMigrationCacheMs: 30_000,
  /** Characters (code points) a password needs at least. */
  passwordCharsMin: 12,
  /** UTF-8 bytes a password may have at most, so what argon2 hashes is bounded. */
  passwordBytesMax: 256,
  /** Characters of an email address (RFC 5321's path limit); its local part is at most 64. */
  emailLengthMax: 254,
  /** argon2id memory per hash (OWASP's minimum: 19 MiB), in KiB. */
  passwordHashMemoryKib: 19_456,
  /** argon2id passes over that memory. */
  passwordHashIterations: 2,
  /** argon2id lanes; 1 keeps one login on one core, leaving the others to serve requests. */
  passwordHashParallelism: 1,
  /** Roles one API key may carry (all four). */
  apiKeyRolesMax: 4,
  /** Depth of a GraphQL operation (graphql-armor max-depth; fragments count as a level). Introspection's own nesting is limited by graphql's MaxIntrospectionDepthRule. */
  queryDepthMax: 12,
  /** Cost of a GraphQL operation (graphql-armor cost-limit: object 2, scalar 1, ×1.5 per level, ×`first` of a list): a page of 100 accounts or entries with their balances or postings costs about 12,000; a page of pages is refused. */
  queryCostMax: 20_000,
  /** Aliases in one GraphQL operation. */
  queryAliasesMax: 20,
  /** Directives in one GraphQL operation. */
  queryDirectivesMax: 10,
  /** Lexical tokens in one GraphQL document (graphql's parse option maxTokens); send large inputs as variables. */
  queryTokensMax: 5_000,
  /**
   * Brackets (`{`, `[`, `(`) open at once in one GraphQL document, checked on its tokens before it is
   * parsed: graphql's parser recurses once per level and overflows the stack at a couple of thousand,
   * which fit in queryTokensMax (`[[[…]]]` is two tokens a level). Well above what queryDepthMax and
   * inputDepthMax let a real operation reach (GraphiQL's introspection query nests 10).
   */
  queryNestingMax: 64,
  /** Operations open at once on one WebSocket connection (subscriptions, and queries or mutations still running). */
  subscriptionsPerConnectionMax: 50,
  /** The window of RATE_LIMIT_IP_PER_MINUTE (a fixed window: a refused address waits up to this). */
  rateLimitIpWindowSeconds: 60,
  /** The window of RATE_LIMIT_CALLER_PER_SECOND: a caller over its rate waits at most this. */
  rateLimitCallerWindowSeconds: 1,
  /** The window of RATE_LIMIT_CALLER_BURST: a caller's requests above its rate, counted over this. */
  rateLimitCallerBurstWindowSeconds: 10,
  /** Failed logins from one IP address per login window, as a multiple of LOGIN_FAILURES_MAX (one address spraying many emails). */
  loginFailuresPerIpFactor: 10,
  /**
   * The request rate limits are spent in leases of at most a limit over this, per gateway (see
   * LeasedLimiter): the most points one gateway can hold unspent while another is refused.
   */
  rateLimitLeasesPerLimit: 10,
  /**
   * The same for a caller's per-second rate when a burst backs it: a rate point left unspent at one
   * gateway sends the caller's request at another to its burst, not to a refusal, and only for the
   * rest of that second, so its leases may be larger (and cost fewer round trips a second).
   */
  rateLimitCallerRateLeasesPerLimit: 4,
  /** Connections of the rate-limit counters' own PostgreSQL pool, per gateway process. */
  rateLimitStoreConnectionsMax: 4,
  /** How long a rate-limit counter update may take (connect or query) before the in-memory fallback answers. */
  rateLimitStoreTimeoutMs: 1_000,
  /** How often at most "rate-limit store unreachable" is logged per process. */
  rateLimitOutageLogIntervalMs: 60_000,
  /** How often each gateway's disbursement worker looks for withdrawals and payouts to send (it is also woken at once by a new one). */
  disbursementPollIntervalMs: 500,
  /** Withdrawals and payouts one worker pass sends to the processor. */
  disbursementBatchMax: 50,
  /** How long a payment stays PROCESSING before the worker asks the processor about it again. */
  disbursementRecheckMs: 2_000,
  /** Wallets a payout run reads per page (each page commits its progress). */
  payoutRunPageSize: 100,
  /** Users, and separately API keys, each gateway keeps in memory for authentication (kept exact by invalidations; least recently used go first). */
  authCacheEntriesMax: 10_000,
  /** How long a cached user or API key is trusted without an invalidation, as a backstop: changes themselves are heard at once. */
  authCacheTtlMs: 60_000,
  /** Wallets each gateway keeps in memory (a wallet never changes once opened). */
  walletCacheMax: 10_000,
  /** Merchant currencies whose accounts each gateway remembers as open (accounts are never deleted). */
  merchantAccountCacheMax: 10_000,
  /** Length of a deposit's external reference and of a withdrawal's destination. */
  referenceLengthMax: 200,
} as const;
