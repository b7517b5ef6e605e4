#!/usr/bin/env bash
# The e2e suites at the hours where local-date logic breaks (midnight and 07:30
# in Hanoi, a year's end, a report cutoff), under libfaketime: each Node process
# sees the clock moved by the same offset, so the server, BullMQ and the tests
# agree with each other. Not part of `npm test` (it takes a few minutes per
# instant); run it after touching dates, deadlines, reminders or reports.
#
#   bash scripts/time-sweep.sh                     # the instants below, SQLite
#   E2E_DATABASE=postgres bash scripts/time-sweep.sh 2026-12-31T16:59:30Z
#   SWEEP_SPECS=test/hardening.e2e-spec.ts bash scripts/time-sweep.sh 2026-11-25T00:29:20Z
#
# Left out: the worker-process test starts its children with an environment of
# its own (no LD_PRELOAD), and Chromium does not load under libfaketime.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/services.sh

ensure_node_modules || exit 1
LIB=$(ls /usr/lib/*/faketime/libfaketimeMT.so.1 2>/dev/null | head -1)
[ -n "$LIB" ] || { apt_install faketime || exit 1; LIB=$(ls /usr/lib/*/faketime/libfaketimeMT.so.1 | head -1); }
RUN_DIR=$(mktemp -d /tmp/cchc-sweep.XXXXXX)
chmod 755 "$RUN_DIR"
cleanup() { stop_private_services; rm -rf "$RUN_DIR"; }
trap cleanup EXIT
ensure_redis "$RUN_DIR/redis" "$(free_port)" private || exit 1
[ "${E2E_DATABASE:-sqlite}" = postgres ] && { ensure_postgres "$RUN_DIR/pg" "$(free_port)" || exit 1; }
ensure_build || exit 1

# UTC instants; Hanoi is UTC+7 all year
INSTANTS=("$@")
[ ${#INSTANTS[@]} -gt 0 ] || INSTANTS=(
  2026-11-24T16:59:20Z # 23:59:20, the date changes during the run
  2026-11-24T17:10:00Z # 00:10, before the day's 07:30 reminders
  2026-11-25T00:29:20Z # 07:29:20, the reminders' time of day passes during the run
  2026-12-31T16:59:30Z # the year ends during the run
  2027-03-14T16:59:30Z # the ministry's quarter cutoff (the 14th) ends during the run
)
# SWEEP_SPECS names the spec files to run instead of every e2e suite
SPECS=${SWEEP_SPECS:-$(ls test/*.e2e-spec.ts | grep -v -e reminder-workers -e web.e2e)}
failed=0
for at in "${INSTANTS[@]}"; do
  offset=$(( $(date -d "$at" +%s) - $(date +%s) ))
  log "== $at (offset ${offset}s) =="
  LD_PRELOAD=$LIB FAKETIME="+${offset}s" FAKETIME_DONT_FAKE_MONOTONIC=1 FAKETIME_NO_CACHE=1 \
    node --experimental-vm-modules --no-warnings=ExperimentalWarning node_modules/jest/bin/jest.js \
    --selectProjects e2e --runInBand $SPECS || { failed=$((failed + 1)); log "FAILED at $at"; }
done
log "time sweep: ${#INSTANTS[@]} instants, $failed failed"
[ "$failed" -eq 0 ]
