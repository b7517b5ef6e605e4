#!/usr/bin/env bash
# `npm test`: the whole suite from a fresh clone. Installs and starts what the
# tests need (Redis, PostgreSQL from Debian's packages when absent), checks the
# dependency rules, runs the unit tests, the repository tier and the e2e suite
# against SQLite and against PostgreSQL, and ends with one line: "tests: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/services.sh

ensure_node_modules || exit 1
RUN_DIR=$(mktemp -d /tmp/cchc-test.XXXXXX)
chmod 755 "$RUN_DIR"
cleanup() { remove_lan_host; stop_private_services; rm -rf "$RUN_DIR"; }
trap cleanup EXIT

ensure_redis "$RUN_DIR/redis" "${TEST_REDIS_PORT:-$(free_port)}" private || exit 1
ensure_chromium || exit 1
# a second host of the office network, for test/lan.e2e-spec.ts: a browser signing in over plain HTTP
if ! ensure_lan_host "$RUN_DIR"; then
  if [ -n "${CI:-}" ]; then log "CI: không dựng được máy thứ hai (network namespace) cho test/lan.e2e-spec.ts."; exit 1; fi
  log "Không dựng được máy thứ hai (cần root): test/lan.e2e-spec.ts sẽ bỏ qua."
fi
if [ -n "${TEST_PG_ADMIN_URL:-}" ]; then
  export PG_ADMIN_URL=$TEST_PG_ADMIN_URL
else
  ensure_postgres "$RUN_DIR/pg" "${TEST_PG_PORT:-$(free_port)}" || exit 1
fi

JEST="node --experimental-vm-modules --no-warnings=ExperimentalWarning node_modules/jest/bin/jest.js"
passed=0; failed=0; status=0
run_suite() { # name, then jest arguments
  local name=$1; shift
  local out="$RUN_DIR/$name.json"
  log "== $name =="
  $JEST "$@" --json --outputFile="$out" || status=1
  if [ -f "$out" ]; then
    read -r p f < <(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests, r.numFailedTests + r.numRuntimeErrorTestSuites)' "$out")
    passed=$((passed + p)); failed=$((failed + f))
    log "$name: $p passed, $f failed"
  else
    failed=$((failed + 1)); status=1
  fi
}

# the dependency rules of docs/architecture.md (.dependency-cruiser.cjs): one check, passed or failed
log "== dependency rules =="
if node_modules/.bin/depcruise src --config .dependency-cruiser.cjs --output-type err >&2; then
  passed=$((passed + 1)); log "dependency rules: 1 passed, 0 failed"
else
  failed=$((failed + 1)); status=1; log "dependency rules: 0 passed, 1 failed"
fi
run_suite unit --selectProjects unit
# repositories and infrastructure against each database: the fast tier between unit and e2e
E2E_DATABASE=sqlite run_suite integration-sqlite --selectProjects integration --runInBand
E2E_DATABASE=postgres run_suite integration-postgres --selectProjects integration --runInBand
# the e2e suite also starts the built server and CLI as a user would
log "npm run build…"
npm run --silent build >&2 || { failed=$((failed + 1)); status=1; }
E2E_DATABASE=sqlite run_suite e2e-sqlite --selectProjects e2e --runInBand
E2E_DATABASE=postgres run_suite e2e-postgres --selectProjects e2e --runInBand

echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && exit $status || exit 1
