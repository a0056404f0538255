#!/usr/bin/env bash
# Runs the whole curl suite against fresh servers on free ports, then stops them:
#   bash curl-tests/run-all.sh
# Starts the four webhook servers, the router simulator (its webhooks go to the network
# server), the stand-ins of `npm run fake-apis`, a second joke and card server with no
# upstream at all (offline fallback), and a basic server with WEBHOOK_TOKEN/WEBHOOK_SECRET for
# security.sh. Logs, backups and known_hosts live in a temporary folder, kept only on failure.
# Prints `curl suite: N passed, N failed`; exits non-zero if any check failed.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
cd "$ROOT" || exit 2
# Job control on: every background process gets a process group of its own, which we can kill whole.
set -m

TMP="$(mktemp -d "${TMPDIR:-/tmp}/hooklab-curl.XXXXXX")"
mkdir -p "$TMP/logs" "$TMP/backups"
: > "$TMP/empty.env"
PIDS=()
STARTED=()   # "name pid pattern" per process, for the wait below
TOTAL_PASSED=0
TOTAL_FAILED=0
OK=1

stop_all() {
  local pid i
  for pid in "${PIDS[@]+"${PIDS[@]}"}"; do kill -TERM -- "-$pid" 2>/dev/null; done
  # Servers stop within a second on SIGTERM; anything still there after 5 s is killed.
  for i in $(seq 50); do
    local alive=0
    for pid in "${PIDS[@]+"${PIDS[@]}"}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" -eq 0 ] && break
    sleep 0.1
  done
  for pid in "${PIDS[@]+"${PIDS[@]}"}"; do kill -KILL -- "-$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  if [ "$OK" -eq 1 ]; then rm -rf "$TMP"; else echo "logs kept in $TMP"; fi
}
trap stop_all EXIT
trap 'echo "run-all: interrupted"; exit 130' INT TERM

# N free TCP ports on loopback, chosen by the OS (all held open together, so they differ).
free_ports() {
  node -e '
    const net = require("node:net");
    const servers = Array.from({ length: Number(process.argv[1]) }, () => net.createServer());
    Promise.all(servers.map((s) => new Promise((ok) => s.listen(0, "127.0.0.1", ok)))).then(() => {
      process.stdout.write(servers.map((s) => s.address().port).join(" "));
      servers.forEach((s) => s.close());
    });' "$1"
}

# start NAME PATTERN ENTRY [VAR=value...]: runs a TypeScript entry point with a clean environment
# (DOTENV_CONFIG_PATH: a .env in the repo must not change what is tested), output in NAME.out.
start() {
  local name="$1" pattern="$2" entry="$3"; shift 3
  env -u WEBHOOK_TOKEN -u WEBHOOK_SECRET DOTENV_CONFIG_PATH="$TMP/empty.env" DOTENV_CONFIG_QUIET=true \
    HOST=127.0.0.1 LOG_DIR="$TMP/logs" BACKUP_DIR="$TMP/backups" KNOWN_HOSTS_FILE="$TMP/known_hosts" "$@" \
    node --import tsx "$entry" > "$TMP/$name.out" 2>&1 &
  PIDS+=("$!")
  STARTED+=("$name $! $pattern")
}

# Waits for each process to print its start line (it answers from then on), up to 30 s in all.
wait_started() {
  local deadline=$(( $(date +%s) + 30 )) entry name pid pattern
  for entry in "${STARTED[@]}"; do
    read -r name pid pattern <<< "$entry"
    until grep -q "$pattern" "$TMP/$name.out" 2>/dev/null; do
      if ! kill -0 "$pid" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
        echo "$name did not start:"; tail -n 20 "$TMP/$name.out"; OK=0; exit 1
      fi
      sleep 0.05   # polling interval while the line is not there yet
    done
  done
}

# run_script LABEL SCRIPT [VAR=value...]: runs one script and adds its counts to the totals.
run_script() {
  local label="$1" script="$2"; shift 2
  echo; echo "######## $label"
  env -u WEBHOOK_TOKEN -u WEBHOOK_SECRET LOG_DIR="$TMP/logs" "$@" bash "$HERE/$script" | tee "$TMP/script.out"
  local counts; counts="$(tail -n 1 "$TMP/script.out" | sed -n 's/^.*: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p')"
  if [ -z "$counts" ]; then counts="0 1"; echo "FAIL  $script did not finish"; fi
  TOTAL_PASSED=$(( TOTAL_PASSED + ${counts% *} ))
  TOTAL_FAILED=$(( TOTAL_FAILED + ${counts#* } ))
}

read -r BASIC SECURE JOKE JOKE_OFF CARD CARD_OFF NETWORK SSH CONTROL FAKE_JOKE FAKE_CARD DEAD <<< "$(free_ports 12)"
TOKEN="curl-suite-token-$RANDOM$RANDOM"
SECRET="curl-suite-secret-$RANDOM$RANDOM"
BEGAN=$(date +%s)

start fake-apis "Fake APIs running" servers/fake-apis/main.ts FAKE_JOKE_PORT="$FAKE_JOKE" FAKE_CARD_PORT="$FAKE_CARD"
start basic SERVER_START servers/basic/main.ts PORT="$BASIC"
start secure SERVER_START servers/basic/main.ts PORT="$SECURE" WEBHOOK_TOKEN="$TOKEN" WEBHOOK_SECRET="$SECRET"
start joke SERVER_START servers/joke/main.ts PORT="$JOKE" JOKE_API_URL="http://127.0.0.1:$FAKE_JOKE"
start card SERVER_START servers/card/main.ts PORT="$CARD" CARD_API_URL="http://127.0.0.1:$FAKE_CARD"
# Nothing listens on $DEAD: the upstream is refused at once and the bundled jokes / local deck answer.
start joke-offline SERVER_START servers/joke/main.ts PORT="$JOKE_OFF" JOKE_API_URL="http://127.0.0.1:$DEAD"
start card-offline SERVER_START servers/card/main.ts PORT="$CARD_OFF" CARD_API_URL="http://127.0.0.1:$DEAD"
start network SERVER_START servers/network/main.ts PORT="$NETWORK" DEVICE_PORT="$SSH"
start router SERVER_START simulator/main.ts DEVICE_PORT="$SSH" DEVICE_CONTROL_PORT="$CONTROL" \
  DEVICE_WEBHOOK_URL="http://127.0.0.1:$NETWORK/events"
wait_started
echo "started 9 processes in $(( $(date +%s) - BEGAN )) s (logs in $TMP)"

run_script "basic server" basic.sh BASIC_URL="http://127.0.0.1:$BASIC"
run_script "joke server, on the stand-in API" joke.sh JOKE_URL="http://127.0.0.1:$JOKE"
run_script "joke server, offline fallback" joke.sh JOKE_URL="http://127.0.0.1:$JOKE_OFF"
run_script "card server, on the stand-in API" card.sh CARD_URL="http://127.0.0.1:$CARD"
run_script "card server, offline fallback" card.sh CARD_URL="http://127.0.0.1:$CARD_OFF"
run_script "network server and router simulator" network.sh NETWORK_URL="http://127.0.0.1:$NETWORK" \
  DEVICE_CONTROL_URL="http://127.0.0.1:$CONTROL"
run_script "security (basic server with WEBHOOK_TOKEN and WEBHOOK_SECRET)" security.sh \
  SECURITY_URL="http://127.0.0.1:$SECURE" WEBHOOK_TOKEN="$TOKEN" WEBHOOK_SECRET="$SECRET"

[ "$TOTAL_FAILED" -eq 0 ] || OK=0
echo
echo "curl suite: $TOTAL_PASSED passed, $TOTAL_FAILED failed ($(( $(date +%s) - BEGAN )) s)"
[ "$OK" -eq 1 ]
