#!/usr/bin/env bash
# scripts/test-one.sh JEST_ARGS…: run some suites the way `npm test` does, with
# a private Redis and PostgreSQL of their own (so several checkouts can test
# at once), e.g.
#   E2E_DATABASE=postgres bash scripts/test-one.sh --selectProjects e2e --runInBand test/reports.e2e-spec.ts
# Builds dist/ first when the e2e project is asked for and src/ is newer.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/services.sh
ensure_node_modules || exit 1
private_run cchc-one || exit 1
ensure_chromium || exit 1
ensure_libreoffice || exit 1
if [ -n "${TEST_PG_ADMIN_URL:-}" ]; then export PG_ADMIN_URL=$TEST_PG_ADMIN_URL
else ensure_postgres "$RUN_DIR/pg" "$(free_port)" || exit 1; fi
case " $* " in *" e2e "*|*e2e-spec*|*" browser "*|*browser-spec*) ensure_build || exit 1 ;; esac
node --experimental-vm-modules --no-warnings=ExperimentalWarning node_modules/jest/bin/jest.js "$@"
