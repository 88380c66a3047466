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
DAEMON_NAME=redis-server
# shellcheck source=scripts/lib/daemon.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/daemon.sh"

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

missing_packages() { command -v redis-server >/dev/null 2>&1 || echo redis-server; }

already_installed_text() { command -v redis-server; }

# The package may start a system Redis on 6379; we run our own instance and leave that one alone.

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
  if daemon_wait_up 100 0.1; then
    log "up at $URL"
    return 0
  fi
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
  if [ "$(daemon_kill_and_wait "$pid")" -eq 1 ]; then
    log "stopped pid $pid"
  else
    log "pid $pid was not running"
  fi
  rm -rf "$DIR"
}

daemon_main "$@"
