#!/usr/bin/env bash
# A Redis on loopback for Stowage's queue tests (@stowage/bullmq): Debian's redis-server, run as
# our own daemon with its own directory, so it never touches a system Redis.
#
#   scripts/redis-server.sh install   # apt package redis-server (skipped when installed); needs root
#   scripts/redis-server.sh start     # fresh dir, daemonized, pid file; waits until it answers PING
#   scripts/redis-server.sh stop      # stops what `start` started (by pid file only)
#   scripts/redis-server.sh status    # exit 0 and print the URL when it answers
#
# Environment: REDIS_SERVER_DIR (default /tmp/stowage-redis-$REDIS_PORT), REDIS_PORT (16379).
# Change REDIS_PORT to run a second instance beside the first. Clients: redis://127.0.0.1:$REDIS_PORT.
set -euo pipefail

PORT=${REDIS_PORT:-16379}
DIR=${REDIS_SERVER_DIR:-/tmp/stowage-redis-$PORT}
URL="redis://127.0.0.1:$PORT"
PIDFILE="$DIR/redis.pid"

log() { printf 'redis-server: %s\n' "$*" >&2; }

is_up() {
  if command -v redis-cli >/dev/null 2>&1; then
    [ "$(redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null)" = "PONG" ]
  else
    # No redis-cli: speak the protocol over bash's /dev/tcp.
    local reply
    reply=$(exec 3<>"/dev/tcp/127.0.0.1/$PORT" && printf 'PING\r\n' >&3 && timeout 2 head -c 7 <&3) 2>/dev/null || return 1
    [ "${reply%$'\r'}" = "+PONG" ]
  fi
}

cmd_install() {
  if command -v redis-server >/dev/null 2>&1; then
    log "redis-server already installed: $(command -v redis-server)"
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    log "installing needs root; missing: redis-server"
    return 1
  fi
  log "installing: redis-server"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
  # The package may start a system Redis on 6379; we run our own instance and leave that one alone.
  log "installed"
}

cmd_start() {
  if is_up; then
    log "already running at $URL"
    return 0
  fi
  if ! command -v redis-server >/dev/null 2>&1; then
    log "redis-server missing; run: $0 install"
    return 1
  fi
  cmd_stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
  mkdir -p "$DIR"
  # No persistence (tests want a clean server), loopback only, no protected-mode surprises.
  redis-server --bind 127.0.0.1 --port "$PORT" --dir "$DIR" --daemonize yes \
    --pidfile "$PIDFILE" --logfile "$DIR/redis.log" --save '' --appendonly no \
    --maxmemory-policy noeviction >/dev/null
  local i
  for i in $(seq 1 100); do
    if is_up; then
      log "up at $URL"
      return 0
    fi
    sleep 0.1
  done
  log "did not come up within 10 s; last log lines:"
  tail -n 20 "$DIR/redis.log" >&2 || true
  return 1
}

cmd_stop() {
  local pid
  if [ ! -f "$PIDFILE" ]; then
    log "not started by this script (no $PIDFILE)"
    return 0
  fi
  pid=$(cat "$PIDFILE")
  if kill "$pid" 2>/dev/null; then
    local i
    for i in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    log "stopped pid $pid"
  else
    log "pid $pid was not running"
  fi
  rm -rf "$DIR"
}

cmd_status() {
  if is_up; then
    echo "$URL"
    return 0
  fi
  log "not running at $URL"
  return 1
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *)
    echo "usage: $0 install|start|stop|status" >&2
    exit 2
    ;;
esac
