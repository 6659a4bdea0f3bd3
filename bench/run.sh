#!/usr/bin/env bash
# Folio's benchmark, in one run against one PostgreSQL server:
#   1. the plain-SQL floor (../shared/bench/floor.sh random and hot),
#   2. a Folio gateway on a fresh database, seeded through the GraphQL API,
#   3. autocannon load: `{ __typename }` (the stack's ceiling), random transfers, one hot wallet,
#      postEntries batches, and wallet transfers between customer users, each request with its
#      sender's own API key, and (when selected) purchases with cashback recorded with a merchant's
#      API key, subscription fan-out and past balances of one
#      account with a million postings (as-of) (bench/load.mjs),
#   4. one JSON summary on stdout and in bench/results/latest.json,
#   5. the gateway stopped and the database dropped.
# Environment: PGHOST, PGPORT, PGUSER (default 127.0.0.1, 5432, postgres; trust auth assumed),
#   BENCH_DB (folio_bench), BENCH_PORT (a free port), FLOOR_CLIENTS (16), FLOOR_SECONDS (20),
#   SKIP_FLOOR=1, and load.mjs's BENCH_WALLETS, BENCH_CONNECTIONS, BENCH_DURATION, BENCH_BATCH,
#   BENCH_WARMUP, BENCH_SCENARIOS (default typename,random,hot,batch,wallet-transfer; read-balance,
#   read-accounts, fanout-own, fanout-stream, as-of, purchase, webhook-charge, statement and statement-uncached on request), BENCH_WALLET_USERS,
#   BENCH_PURCHASE_CUSTOMERS, BENCH_WEBHOOK_MERCHANTS, BENCH_BILLING_PAYERS, BENCH_BILLING_INVOICES, BENCH_REDIS_URL (the gateway's REDIS_URL), BENCH_ASOF_POSTINGS, BENCH_ASOF_DAYS, BENCH_ASOF_PER_ENTRY.
#   BENCH_MODE=soak runs bench/soak.mjs instead of load.mjs (a mixed load for BENCH_SOAK_SECONDS, 600,
#   with the gateway's memory sampled; `npm run bench:soak`, no floor). GATEWAY_NODE_OPTIONS: the
#   gateway's node flags (default the Dockerfile's --max-old-space-size=1024 --max-semi-space-size=16;
#   empty: V8's defaults; add e.g. --heapsnapshot-signal=SIGUSR2). MALLOC_MMAP_THRESHOLD_ (1048576,
#   as in the Dockerfile; empty leaves glibc's sliding default).
#   See bench/README.md.
set -euo pipefail
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
cd "$root"
node=$root/node_modules/.bin/node
[ -x "$node" ] || { echo "bench: $node missing; run npm ci" >&2; exit 2; }

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
export PGOPTIONS="-c client_min_messages=warning"
db=${BENCH_DB:-folio_bench}
results=$root/bench/results
mkdir -p "$results"
say() { echo "[bench] $*" >&2; }

# --- 1. the plain-SQL floor --------------------------------------------------------------------
floor_sh=$root/../shared/bench/floor.sh
floor_random='' floor_hot=''
if [ "${SKIP_FLOOR:-0}" = 1 ]; then
  say "SKIP_FLOOR=1: no floor measured; ratios will be null"
elif [ ! -f "$floor_sh" ]; then
  say "floor script not found at $floor_sh: no floor measured; ratios will be null"
else
  for kind in random hot; do
    say "floor: $kind, ${FLOOR_CLIENTS:-16} clients, ${FLOOR_SECONDS:-20} s"
    if line=$(bash "$floor_sh" "$kind" "${FLOOR_CLIENTS:-16}" "${FLOOR_SECONDS:-20}" | tail -n 1); then
      say "floor $kind: $line"
      if [ "$kind" = random ]; then floor_random=$line; else floor_hot=$line; fi
    else
      say "floor $kind failed; continuing without it"
    fi
  done
fi

# --- 2. the gateway on a fresh database --------------------------------------------------------
gw_pid=''
# The gateway's migrator once wrote migrations/.snapshot-<database>.json at start-up; never leave one behind.
snapshot=$root/migrations/.snapshot-$db.json
[ -e "$snapshot" ] && keep_snapshot=1 || keep_snapshot=0
cleanup() {
  local rc=$?
  if [ -n "$gw_pid" ] && kill -0 "$gw_pid" 2>/dev/null; then
    say "stopping the gateway (pid $gw_pid)"
    kill -TERM "$gw_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$gw_pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$gw_pid" 2>/dev/null && kill -KILL "$gw_pid" 2>/dev/null || true
  fi
  [ "$keep_snapshot" = 1 ] || rm -f "$snapshot"
  psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 \
    && say "dropped database $db" || say "could not drop database $db"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null
port=${BENCH_PORT:-$("$node" -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}
database_url="postgresql://$PGUSER@$PGHOST:$PGPORT/$db"
# The gateway runs compiled, as in production (the Dockerfile): transpiling at start-up (npm start's
# @swc-node/register) costs ~150 MB of RSS that a deployed gateway does not have.
say "compiling the gateway (tsc -p tsconfig.build.json) into bench/results/dist"
rm -rf "$results/dist"
"$root/node_modules/.bin/tsc" -p tsconfig.build.json --outDir "$results/dist"
say "starting the gateway on 127.0.0.1:$port (log: bench/results/gateway.log)"
# Production settings: a real signing key, and the rate limiters ON (their counters are written on
# every request, so their cost is measured) with limits no single-address load reaches.
export JWT_SECRET=${JWT_SECRET:-$("$node" -e "console.log(require('crypto').randomBytes(48).toString('base64url'))")}
# The key processors' webhook signing secrets are sealed under (required in production, as JWT_SECRET is).
export SETTLEMENT_SECRETS_KEY=${SETTLEMENT_SECRETS_KEY:-$("$node" -e "console.log(require('crypto').randomBytes(48).toString('base64url'))")}
admin_email="bench-admin@example.com"
admin_password=$("$node" -e "console.log(require('crypto').randomBytes(24).toString('base64url'))")
# glibc's malloc, as the Dockerfile sets it: allocations of 1 MiB and more are mapped and unmapped
# rather than kept in a thread's arena (see the Dockerfile: argon2's 19 MiB per login otherwise
# stays resident, once per libuv thread).
malloc_env=()
[ -n "${MALLOC_MMAP_THRESHOLD_-1048576}" ] && malloc_env=(MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_-1048576}")
# shellcheck disable=SC2086 # GATEWAY_NODE_OPTIONS is a list of flags
# BENCH_REDIS_URL: the gateway's REDIS_URL (statements cached there); unset, the gateway runs without Redis.
redis_env=()
[ -n "${BENCH_REDIS_URL:-}" ] && redis_env=(REDIS_URL="$BENCH_REDIS_URL")
env "${malloc_env[@]}" "${redis_env[@]}" DATABASE_URL=$database_url PORT=$port HOST=127.0.0.1 LOG_LEVEL=warn GRAPHIQL=false NODE_ENV=production \
  RATE_LIMIT_IP_PER_MINUTE=${RATE_LIMIT_IP_PER_MINUTE:-1000000} RATE_LIMIT_CALLER_PER_SECOND=${RATE_LIMIT_CALLER_PER_SECOND:-100000} \
  "$node" ${GATEWAY_NODE_OPTIONS---max-old-space-size=1024 --max-semi-space-size=16} "$results/dist/src/main.js" >"$results/gateway.log" 2>&1 &
gw_pid=$!
for i in $(seq 1 600); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$gw_pid" 2>/dev/null || { say "the gateway exited during start-up:"; cat "$results/gateway.log" >&2; exit 1; }
  [ "$i" = 600 ] && { say "the gateway did not answer /healthz within 60 s"; exit 1; }
  sleep 0.1
done
say "gateway up"
# The first admin, as on any fresh install; load.mjs logs in and makes a FINANCE API key.
DATABASE_URL=$database_url FOLIO_ADMIN_PASSWORD=$admin_password \
  "$node" --import @swc-node/register/esm-register scripts/create-admin.ts --email "$admin_email" >&2

# --- 3-5. seed, load, summarise ----------------------------------------------------------------
bench_git="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src migrations package.json 2>/dev/null || echo '+changes')"
if [ "${BENCH_MODE:-load}" = soak ]; then
  say "soak: ${BENCH_SOAK_SECONDS:-600} s of mixed load, memory sampled every ${BENCH_SOAK_SAMPLE_SECONDS:-10} s"
  BENCH_GIT=$bench_git BENCH_URL="http://127.0.0.1:$port" GATEWAY_PID=$gw_pid BENCH_SOAK_OUT=$results/soak.json \
  BENCH_ADMIN_EMAIL=$admin_email BENCH_ADMIN_PASSWORD=$admin_password \
    "$node" bench/soak.mjs
  say "soak summary written to bench/results/soak.json, samples to bench/results/soak.jsonl"
  exit 0
fi
BENCH_GIT=$bench_git \
BENCH_URL="http://127.0.0.1:$port" DATABASE_URL=$database_url GATEWAY_PID=$gw_pid \
FLOOR_RANDOM=$floor_random FLOOR_HOT=$floor_hot BENCH_OUT=$results/latest.json \
BENCH_ADMIN_EMAIL=$admin_email BENCH_ADMIN_PASSWORD=$admin_password \
  "$node" bench/load.mjs
say "summary written to bench/results/latest.json"
