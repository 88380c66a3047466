#!/usr/bin/env bash
# A real S3 endpoint on loopback for Stowage's S3 tests: OpenStack Swift (Debian packages) with the
# s3api middleware in front, plus the memcached that s3api needs.
#
#   scripts/s3-server.sh install   # apt packages (skipped when already installed); needs root
#   scripts/s3-server.sh start     # fresh data dir, rings, servers; waits until S3 answers
#   scripts/s3-server.sh stop      # stops what `start` started (by pid file)
#   scripts/s3-server.sh status    # exit 0 and print the endpoint when it answers
#
# Environment: S3_SERVER_DIR (default /tmp/stowage-s3), S3_PORT (18080), S3_MEMCACHED_PORT (11311),
# S3_SWIFT_PORT_BASE (6210: object, +1 container, +2 account). Change them all to run a second
# instance beside the first. S3_RING_CACHE (/var/tmp/stowage-s3-rings) keeps built rings.
# Clients: endpoint http://127.0.0.1:$S3_PORT, region us-east-1, path-style addressing,
# access key "test:tester", secret "testing" (Swift tempauth).
set -euo pipefail

DIR=${S3_SERVER_DIR:-/tmp/stowage-s3}
PORT=${S3_PORT:-18080}
MC_PORT=${S3_MEMCACHED_PORT:-11311}
OBJECT_PORT=${S3_SWIFT_PORT_BASE:-6210}
CONTAINER_PORT=$((OBJECT_PORT + 1))
ACCOUNT_PORT=$((OBJECT_PORT + 2))
RING_CACHE=${S3_RING_CACHE:-/var/tmp/stowage-s3-rings}
PACKAGES=(swift-proxy swift-object swift-container swift-account memcached)
SERVERS=(account container object proxy)
URL="http://127.0.0.1:$PORT"
DAEMON_NAME=s3-server
# shellcheck source=scripts/lib/daemon.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/daemon.sh"

is_up() { curl -fsS --max-time 2 "$URL/healthcheck" >/dev/null 2>&1; }

missing_packages() {
  local p
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
  done
}

already_installed_text() { echo "${PACKAGES[*]}"; }

# The Debian packages may start system services on their own ports; we run our own instances.
after_install() {
  if command -v systemctl >/dev/null 2>&1; then systemctl stop memcached >/dev/null 2>&1 || true; fi
}

# Writes one server's config: its DEFAULT section then its single-app pipeline.
write_server_conf() {
  local name=$1 port=$2
  cat >"$DIR/etc/$name-server.conf" <<CONF
[DEFAULT]
devices = $DIR/srv/node
mount_check = false
bind_ip = 127.0.0.1
bind_port = $port
workers = 1
swift_dir = $DIR/etc
log_name = $name

[pipeline:main]
pipeline = $name-server

[app:$name-server]
use = egg:swift#$name
CONF
}

write_proxy_conf() {
  # s3api must sit before tempauth; it refuses to run without the memcache ("cache") filter.
  cat >"$DIR/etc/proxy-server.conf" <<CONF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $PORT
workers = 1
swift_dir = $DIR/etc
log_name = proxy

[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats s3api tempauth copy slo dlo proxy-logging proxy-server

[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true

[filter:s3api]
use = egg:swift#s3api
location = us-east-1

[filter:tempauth]
use = egg:swift#tempauth
user_test_tester = testing .admin

[filter:cache]
use = egg:swift#memcache
memcache_servers = 127.0.0.1:$MC_PORT

[filter:catch_errors]
use = egg:swift#catch_errors

[filter:gatekeeper]
use = egg:swift#gatekeeper

[filter:healthcheck]
use = egg:swift#healthcheck

[filter:proxy-logging]
use = egg:swift#proxy_logging

[filter:listing_formats]
use = egg:swift#listing_formats

[filter:copy]
use = egg:swift#copy

[filter:slo]
use = egg:swift#slo

[filter:dlo]
use = egg:swift#dlo
CONF
}

# Rings depend only on the three ports, and swift-ring-builder is slow (6 s idle, 30 s+ on a
# busy machine), so they are built once per port set and copied from a cache afterwards.
build_rings() {
  local cache="$RING_CACHE/$OBJECT_PORT-$CONTAINER_PORT-$ACCOUNT_PORT"
  if [ -f "$cache/account.ring.gz" ] && [ -f "$cache/container.ring.gz" ] && [ -f "$cache/object.ring.gz" ]; then
    cp "$cache"/*.ring.gz "$DIR/etc/"
    return 0
  fi
  local ring port
  for ring in "object:$OBJECT_PORT" "container:$CONTAINER_PORT" "account:$ACCOUNT_PORT"; do
    port=${ring##*:}
    ring=${ring%%:*}
    (
      cd "$DIR/etc"
      swift-ring-builder "$ring.builder" create 8 1 1 >/dev/null
      swift-ring-builder "$ring.builder" add "r1z1-127.0.0.1:$port/d1" 1 >/dev/null
      swift-ring-builder "$ring.builder" rebalance >/dev/null
    ) &
  done
  wait
  mkdir -p "$cache.tmp.$$"
  cp "$DIR"/etc/*.ring.gz "$cache.tmp.$$/"
  rm -rf "$cache"
  mv "$cache.tmp.$$" "$cache" 2>/dev/null || rm -rf "$cache.tmp.$$"
}

cmd_start() {
  if is_up; then
    log "already running at $URL"
    return 0
  fi
  if [ -n "$(missing_packages)" ]; then
    log "packages missing; run: $0 install"
    return 1
  fi
  cmd_stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
  mkdir -p "$DIR/etc" "$DIR/srv/node/d1" "$DIR/log" "$DIR/run"
  # The Swift servers switch to the "swift" user (created by the package), so it must own the data.
  chown -R swift:swift "$DIR/srv"
  cat >"$DIR/etc/swift.conf" <<CONF
[swift-hash]
swift_hash_path_prefix = stowage-test
swift_hash_path_suffix = stowage-test

[storage-policy:0]
name = Policy-0
default = yes
CONF
  write_server_conf account "$ACCOUNT_PORT"
  write_server_conf container "$CONTAINER_PORT"
  write_server_conf object "$OBJECT_PORT"
  write_proxy_conf
  build_rings

  local user=root
  id memcache >/dev/null 2>&1 && user=memcache
  memcached -l 127.0.0.1 -p "$MC_PORT" -U 0 -u "$user" -m 64 >"$DIR/log/memcached.log" 2>&1 &
  echo $! >"$DIR/run/memcached.pid"
  local s
  for s in "${SERVERS[@]}"; do
    nohup "swift-$s-server" "$DIR/etc/$s-server.conf" >"$DIR/log/$s.log" 2>&1 &
    echo $! >"$DIR/run/$s.pid"
  done

  if daemon_wait_up 100 0.2; then
    log "up at $URL (access key test:tester, secret testing, region us-east-1, path-style)"
    return 0
  fi
  log "did not come up within 20 s; last log lines:"
  tail -n 20 "$DIR"/log/*.log >&2 || true
  return 1
}

cmd_stop() {
  local s pids=()
  for s in proxy object container account memcached; do
    if [ -f "$DIR/run/$s.pid" ]; then
      pids+=("$(cat "$DIR/run/$s.pid")")
      rm -f "$DIR/run/$s.pid"
    fi
  done
  log "stopped $(daemon_kill_and_wait "${pids[@]}") process(es)"
}

daemon_main "$@"
