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
# Reminders need Redis: one already answering (REDIS_URL, or 127.0.0.1:6379), or ours.
port=${PRIVATE_REDIS_PORT:-6379}
port_taken "$port" && port=$(free_port)
ensure_redis ./data/redis "$port" || {
  log "Không có Redis nên không thể chạy nhắc việc. Cài Redis ('sudo apt-get install redis-server') hoặc đặt REDIS_URL trỏ tới một Redis đang chạy, rồi chạy lại 'npm start'."
  exit 1
}
# Access tokens are signed with JWT_SECRET: from the environment, or made once
# and kept in ./data/jwt-secret (readable by this user only), so that sign-ins
# survive a restart.
if [ -z "${JWT_SECRET:-}" ]; then
  mkdir -p data
  [ -s data/jwt-secret ] || (umask 077 && node -e "process.stdout.write(require('crypto').randomBytes(32).toString('base64url'))" > data/jwt-secret)
  JWT_SECRET=$(cat data/jwt-secret)
  export JWT_SECRET
fi
node dist/main.js &
APP_PID=$!
trap 'kill $APP_PID 2>/dev/null; wait $APP_PID 2>/dev/null; stop_private_services' EXIT
wait $APP_PID
