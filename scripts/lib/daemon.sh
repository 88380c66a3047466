# Shared by scripts/s3-server.sh and scripts/redis-server.sh (sourced, never run): the parts of a
# test-server script that do not depend on the server. The sourcing script sets DAEMON_NAME (the
# log prefix) and URL, and defines is_up, missing_packages (the apt packages not installed, one
# per line), cmd_start and cmd_stop; it may define after_install. Then it calls daemon_main "$@".

log() { printf '%s: %s\n' "$DAEMON_NAME" "$*" >&2; }

# Installs the packages missing_packages prints (apt; needs root), then runs after_install.
cmd_install() {
  local missing
  missing=$(missing_packages)
  if [ -z "$missing" ]; then
    log "already installed: $(already_installed_text)"
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    # shellcheck disable=SC2086
    log "installing needs root; missing: $(echo $missing)"
    return 1
  fi
  # shellcheck disable=SC2086
  log "installing: $(echo $missing)"
  apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  if declare -F after_install >/dev/null; then after_install; fi
  log "installed"
}

# Waits until is_up answers: daemon_wait_up <tries> <seconds between tries>.
daemon_wait_up() {
  local i
  for i in $(seq 1 "$1"); do
    if is_up; then return 0; fi
    sleep "$2"
  done
  return 1
}

# Sends SIGTERM to each pid given and waits (up to 10 s) until they are gone, so a following start
# finds the ports free. Prints how many it signalled.
daemon_kill_and_wait() {
  local pid stopped=0 pids=()
  for pid in "$@"; do
    if kill "$pid" 2>/dev/null; then
      stopped=$((stopped + 1))
      pids+=("$pid")
    fi
  done
  local i alive
  for i in $(seq 1 50); do
    alive=0
    for pid in "${pids[@]}"; do
      if kill -0 "$pid" 2>/dev/null; then alive=1; fi
    done
    if [ "$alive" -eq 0 ]; then break; fi
    sleep 0.2
  done
  echo "$stopped"
}

cmd_status() {
  if is_up; then
    echo "$URL"
    return 0
  fi
  log "not running at $URL"
  return 1
}

# The command line every test-server script takes.
daemon_main() {
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
}
