#!/usr/bin/env bash
# `npm run bench`: builds the benchmarks and runs them on SQLite and on a
# private PostgreSQL (progress) and a private Redis (reminders), writing the
# figures into docs/benchmarks.md. BENCH=progress, reports, reminders or auth runs one.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/services.sh
BENCH=${BENCH:-all}
case "$BENCH" in all|progress|reminders|reports|auth) ;; *) log "BENCH=$BENCH: expected all, progress, reminders, reports or auth"; exit 2;; esac
ensure_node_modules
DIR=$(mktemp -d /tmp/cchc-bench.XXXXXX); chmod 755 "$DIR"
trap 'stop_private_services; rm -rf "$DIR"' EXIT
if [ "$BENCH" != reminders ]; then
  [ -n "${PG_ADMIN_URL:-}" ] || ensure_postgres "$DIR/pg" "${BENCH_PG_PORT:-$(free_port)}"
fi
run() { [ "$BENCH" = all ] || [ "$BENCH" = "$1" ]; }
rm -rf dist-bench && npx tsc -p tsconfig.bench.json
mkdir -p dist-bench/src/demo dist-bench/src/web && cp src/demo/*.json dist-bench/src/demo/ && cp src/web/*.html dist-bench/src/web/
if run progress; then node dist-bench/bench/progress.bench.js; fi
if run reports; then node dist-bench/bench/reports.bench.js; fi
if run reminders || run auth; then ensure_redis "$DIR/redis" "$(free_port)" private; fi
if run reminders; then node dist-bench/bench/reminders.bench.js; fi
if run auth; then node dist-bench/bench/auth.bench.js; fi
