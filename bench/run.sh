#!/usr/bin/env bash
# `npm run bench`: builds the benchmarks and runs them on SQLite and on a
# private PostgreSQL, writing the figures into docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/services.sh
ensure_node_modules
DIR=$(mktemp -d /tmp/cchc-bench.XXXXXX); chmod 755 "$DIR"
trap 'stop_private_services; rm -rf "$DIR"' EXIT
[ -n "${PG_ADMIN_URL:-}" ] || ensure_postgres "$DIR/pg" "${BENCH_PG_PORT:-$(free_port)}"
rm -rf dist-bench && npx tsc -p tsconfig.bench.json
mkdir -p dist-bench/src/demo dist-bench/src/web && cp src/demo/*.json dist-bench/src/demo/ && cp src/web/*.html dist-bench/src/web/
node dist-bench/bench/progress.bench.js
