#!/usr/bin/env bash
# `npm run screenshots`: rewrites the README's screenshots, docs/screenshots/*.png
# (the dashboard, the plan, a task, a report, the phone), from the demo plan
# served by this checkout's own build, in Debian's Chromium. The one command
# meant to change tracked files: commit the pictures it makes. Needs Redis
# (started privately when none answers) and Chromium (installed when absent).
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/services.sh
ensure_node_modules || exit 1
private_run cchc-shots || exit 1
ensure_chromium || exit 1
ensure_build || exit 1
export SCREENSHOTS_OUT=${SCREENSHOTS_OUT:-docs/screenshots}
mkdir -p "$SCREENSHOTS_OUT"
E2E_DATABASE=sqlite node --experimental-vm-modules --no-warnings=ExperimentalWarning node_modules/jest/bin/jest.js \
  --config test/browser/screenshots.config.js --runInBand || exit 1
log "Đã ghi ảnh vào $SCREENSHOTS_OUT: $(cd "$SCREENSHOTS_OUT" && ls *.png | tr '\n' ' ')"
