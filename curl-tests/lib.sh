#!/usr/bin/env bash
# Shared helpers for the curl test scripts: show each request as you would type it, run it,
# check the answer, print PASS/FAIL and append a line to $LOG_DIR/curl_tests.log.
# Sourced by basic.sh, joke.sh, card.sh, network.sh and security.sh.

# (no `set -u`: macOS still ships bash 3.2, where an empty "${AUTH[@]}" would count as unset)
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
LOG_DIR="${LOG_DIR:-$ROOT/logs}"
mkdir -p "$LOG_DIR"
LOG_FILE="$LOG_DIR/curl_tests.log"
SCRIPT_NAME="$(basename "$0" .sh)"
PASSED=0
FAILED=0
STATUS=""
BODY_FILE="$(mktemp)"
trap 'rm -f "$BODY_FILE"' EXIT

command -v jq >/dev/null 2>&1 || { echo "jq is needed (apt-get install jq / brew install jq)"; exit 2; }
cd "$ROOT" || exit 2

# One log line in the lab's format: EVENT_TYPE key=value ... ts=<ISO-8601>.
log_line() {
  local result="$1" name="$2" detail="$3"
  local ts; ts="$(date -u +%Y-%m-%dT%H:%M:%S.000Z)"
  name="${name//\\/\\\\}"; name="${name//\"/\\\"}"
  detail="${detail//\\/\\\\}"; detail="${detail//\"/\\\"}"
  printf 'CURL_TEST script=%s result=%s status=%s name="%s" detail="%s" ts=%s\n' \
    "$SCRIPT_NAME" "$result" "${STATUS:-none}" "$name" "$detail" "$ts" >> "$LOG_FILE"
}

# Prints the command as a student would type it (long values shortened), then runs it
# silently, keeping the status in $STATUS and the body in $BODY_FILE.
request() {
  local shown="curl" arg
  for arg in "$@"; do
    if [ "${#arg}" -gt 120 ]; then arg="${arg:0:60}…(${#arg} chars)"; fi
    if [[ "$arg" =~ [[:space:]\"\{\}\$\;\&\|\<\>\*] ]]; then shown+=" '$arg'"; else shown+=" $arg"; fi
  done
  printf '\n$ %s\n' "$shown"
  : > "$BODY_FILE"
  STATUS="$(curl -sS -o "$BODY_FILE" -w '%{http_code}' --max-time "${CURL_MAX_TIME:-30}" "$@" 2>/dev/null)" || STATUS="${STATUS:-000}"
  head -c 600 "$BODY_FILE"; echo
}

pass() { PASSED=$((PASSED + 1)); printf 'PASS  %s\n' "$1"; log_line PASS "$1" "${2:-}"; }
fail() { FAILED=$((FAILED + 1)); printf 'FAIL  %s: %s\n' "$1" "$2"; log_line FAIL "$1" "$2"; }

# expect NAME STATUS [JQ_FILTER...]: the status must match and every jq filter must be true.
expect() {
  local name="$1" want="$2"; shift 2
  if [ "$STATUS" != "$want" ]; then fail "$name" "expected HTTP $want, got $STATUS"; return; fi
  local filter
  for filter in "$@"; do
    if ! jq -e "$filter" "$BODY_FILE" >/dev/null 2>&1; then fail "$name" "answer does not satisfy: $filter"; return; fi
  done
  pass "$name" "HTTP $STATUS"
}

# The Authorization header when WEBHOOK_TOKEN is set in the environment, else nothing.
AUTH=()
if [ -n "${WEBHOOK_TOKEN:-}" ]; then AUTH=(-H "Authorization: Bearer $WEBHOOK_TOKEN"); fi

finish() {
  printf '\n%s: %d passed, %d failed\n' "$SCRIPT_NAME" "$PASSED" "$FAILED"
  [ "$FAILED" -eq 0 ]
}
