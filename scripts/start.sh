#!/usr/bin/env bash
# `npm start`: everything from a fresh clone to a running product on one machine:
# dependencies, build, a Redis it finds or starts, the SQLite database under
# ./data (migrated, and loaded with the Hoằng Tiến 2023 plan when empty).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/services.sh

ensure_node_modules
ensure_build
trap stop_private_services EXIT
trap 'exit 130' INT TERM
ensure_redis ./data/redis "${PRIVATE_REDIS_PORT:-6379}" || true
node dist/main.js &
APP_PID=$!
trap 'kill $APP_PID 2>/dev/null; wait $APP_PID 2>/dev/null; stop_private_services' EXIT
wait $APP_PID
