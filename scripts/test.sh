#!/usr/bin/env bash
# `npm test`: the whole suite from a fresh clone. Installs and starts what the
# tests need (Redis, PostgreSQL from Debian's packages when absent), checks the
# dependency rules, runs the unit tests, the repository tier and the e2e suite
# against SQLite and against PostgreSQL, the browser tier once (Chromium at
# 1366 and 360 px), on the machine's Node.js and again on
# Node.js 24 LTS (from the npm registry, kept in a cache outside the
# repository), and ends with one line: "tests: N passed, M failed".
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
# LibreOffice converts Word 97–2003 (.doc) plans: test/plan-import.e2e-spec.ts imports one
ensure_libreoffice || exit 1
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

# Node.js 24 LTS for the second run (20 is past its end of life): its binary
# from the npm registry and a better-sqlite3 built for it, both in a cache
# outside the repository (node_modules stays as npm ci built it). In CI a
# missing Node 24 fails the run; elsewhere those suites are skipped with a warning.
node24=ready
if [[ "$(node --version)" == v24.* ]]; then
  node24=same   # the machine's Node is 24 already: one run is enough
else
  t=$SECONDS
  if ensure_node24 && ensure_sqlite_binding_node24; then
    log "Node.js $("$NODE24" --version): $NODE24 ($((SECONDS - t)) s)"
  else
    node24=missing
  fi
fi

JEST="node --experimental-vm-modules --no-warnings=ExperimentalWarning node_modules/jest/bin/jest.js"
passed=0; failed=0; status=0
run_suite() { # name, then jest arguments
  local name=$1; shift
  local out="$RUN_DIR/$name.json" start=$SECONDS
  log "== $name (Node.js $(node --version)) =="
  $JEST "$@" --json --outputFile="$out" || status=1
  if [ -f "$out" ]; then
    read -r p f < <(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests, r.numFailedTests + r.numRuntimeErrorTestSuites)' "$out")
    passed=$((passed + p)); failed=$((failed + f))
    log "$name: $p passed, $f failed ($((SECONDS - start)) s)"
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
# every view and each role's flows in Chromium at 1366×768 and 360×740, once (Node.js 20, SQLite); the
# screenshots of every view go to a folder outside the repository, named in the log
export SCREENSHOT_DIR=${SCREENSHOT_DIR:-$(mktemp -d /tmp/cchc-screens.XXXXXX)}
log "Ảnh chụp các màn hình: $SCREENSHOT_DIR"
E2E_DATABASE=sqlite run_suite browser --selectProjects browser --runInBand

# The same suites on Node.js 24, with the same dist/
if [ "$node24" = ready ]; then
  export PATH="$(dirname "$NODE24"):$PATH"   # `node` is Node 24 from here on, in children too
  export SQLITE_NATIVE_BINDING=$NODE24_SQLITE_BINDING
  run_suite unit-node24 --selectProjects unit
  E2E_DATABASE=sqlite run_suite integration-sqlite-node24 --selectProjects integration --runInBand
  E2E_DATABASE=postgres run_suite integration-postgres-node24 --selectProjects integration --runInBand
  # the e2e suite once on Node 24, on SQLite: the native addon is what differs between Node versions;
  # PostgreSQL's driver is plain JavaScript, and its repository tier ran above
  E2E_DATABASE=sqlite run_suite e2e-sqlite-node24 --selectProjects e2e --runInBand
elif [ "$node24" = same ]; then
  :
elif [ -n "${CI:-}" ] && [ "$CI" != false ] && [ "$CI" != 0 ]; then
  log "LỖI: không có Node.js 24 (xem thông báo ở trên) nên không chạy được các bộ kiểm thử trên Node 24; trong CI đó là lỗi."
  failed=$((failed + 1)); status=1
else
  log "CẢNH BÁO: không có Node.js 24 (xem thông báo ở trên); bỏ qua các bộ kiểm thử trên Node 24 (trong CI đó là lỗi)."
fi

echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && exit $status || exit 1
