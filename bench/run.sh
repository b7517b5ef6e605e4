#!/usr/bin/env bash
# `npm run bench`: builds the benchmarks and runs them on SQLite and on a
# private PostgreSQL (progress, reports, auth), each against a private Redis
# (the app's queues; the reminders bench measures it), writing the figures into
# docs/benchmarks.md. BENCH=progress, reports, reminders, auth, health or import runs one; the
# whole run (BENCH=all) also drops any section of the document that no
# benchmark wrote, so every figure there comes from this run.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/services.sh
BENCHES=(progress reports reminders auth health import)
BENCH=${BENCH:-all}
case "$BENCH" in all|progress|reminders|reports|auth|health|import) ;; *) log "BENCH=$BENCH: expected all, ${BENCHES[*]}"; exit 2;; esac
ensure_node_modules
DIR=$(mktemp -d /tmp/cchc-bench.XXXXXX); chmod 755 "$DIR"
trap 'stop_private_services; rm -rf "$DIR"' EXIT
START=$(date +%s)
if [ "$BENCH" != reminders ] && [ "$BENCH" != import ]; then
  [ -n "${PG_ADMIN_URL:-}" ] || ensure_postgres "$DIR/pg" "${BENCH_PG_PORT:-$(free_port)}"
fi
# a Redis of the bench's own: the app's start-up writes its queues' keys, and the reminders bench reads INFO
ensure_redis "$DIR/redis" "$(free_port)" private
run() { [ "$BENCH" = all ] || [ "$BENCH" = "$1" ]; }
# the health bench runs the built server, as npm start does
if run health; then npm run --silent build; fi
rm -rf dist-bench && npx tsc -p tsconfig.bench.json
mkdir -p dist-bench/src/demo && cp src/demo/*.json dist-bench/src/demo/
# the web pages are built into dist/web (npm run build), none is left in src/web
if compgen -G 'src/web/*.html' >/dev/null; then mkdir -p dist-bench/src/web && cp src/web/*.html dist-bench/src/web/; fi
for b in "${BENCHES[@]}"; do
  if run "$b"; then
    log "bench $b…"
    t=$(date +%s)
    node "dist-bench/bench/$b.bench.js"
    log "bench $b: $(( $(date +%s) - t )) s"
  fi
done
if [ "$BENCH" = all ]; then node dist-bench/bench/tidy-doc.js "${BENCHES[@]}"; fi
log "npm run bench: $(( $(date +%s) - START )) s"
