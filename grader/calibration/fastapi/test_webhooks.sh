#!/usr/bin/env bash
# cURL test suite for the four webhook servers. Every check prints PASS or FAIL; the script
# exits 1 if any check failed. Addresses and secrets come from the environment:
#   BASIC_URL JOKE_URL CARD_URL NETWORK_URL WEBHOOK_TOKEN WEBHOOK_SECRET
# Example:
#   BASIC_URL=http://localhost:8000 ... WEBHOOK_TOKEN=... WEBHOOK_SECRET=... bash test_webhooks.sh
BASIC_URL="${BASIC_URL:-http://localhost:8000}"
JOKE_URL="${JOKE_URL:-http://localhost:8001}"
CARD_URL="${CARD_URL:-http://localhost:8002}"
NETWORK_URL="${NETWORK_URL:-http://localhost:8003}"
LOG="${LOG_DIR:-.}/curl_tests.log"
SKIP=",${CALIBRATION_DISABLE:-},"   # features switched off for the grader's calibration
FAILED=0

sign() { printf '%s' "$1" | openssl dgst -sha256 -hmac "$WEBHOOK_SECRET" | sed 's/^.*= //'; }

# post NAME EXPECTED_STATUS URL BODY [extra curl args]: a signed POST with the token.
post() {
  local name="$1" expected="$2" url="$3" body="$4"; shift 4
  local status
  status=$(curl -s -o /tmp/curl_body.$$ -w '%{http_code}' --max-time 60 -X POST "$url/events" \
    -H "Content-Type: application/json" -H "Authorization: Bearer $WEBHOOK_TOKEN" \
    -H "X-Hub-Signature-256: sha256=$(sign "$body")" "$@" -d "$body")
  report "$name" "$expected" "$status"
}

report() {
  if [ "$3" = "$2" ]; then echo "PASS $1 ($3)"; else echo "FAIL $1: expected $2, got $3: $(head -c 200 /tmp/curl_body.$$)"; FAILED=1; fi
  echo "CURL_TEST name=\"$1\" expected=$2 status=$3 ts=$(date -u +%Y-%m-%dT%H:%M:%SZ)" >> "$LOG"
}

# contains TEXT: the last answer must contain TEXT.
contains() {
  if grep -q "$1" /tmp/curl_body.$$; then echo "PASS answer contains $1"; else echo "FAIL answer does not contain $1"; FAILED=1; fi
}

post "basic receives the lab's event" 200 "$BASIC_URL" '{"event": "InterfaceDown", "device": "Router1", "interface": "GigabitEthernet1"}'
contains '"status":"ok"'
if [[ "$SKIP" != *,validation,* ]]; then
  post "basic refuses an event without a name" 422 "$BASIC_URL" '{"device": "Router1"}'
fi
if [[ "$SKIP" != *,curl-malformed,* && "$SKIP" != *,json-errors,* ]]; then
  post "basic refuses a body that is not JSON" 400 "$BASIC_URL" '{"event": "InterfaceDown",'
fi
if [[ "$SKIP" != *,curl-token,* ]]; then
  status=$(curl -s -o /tmp/curl_body.$$ -w '%{http_code}' -X POST "$BASIC_URL/events" -H "Content-Type: application/json" -d '{"event": "Test"}')
  report "basic refuses an event without the token" 401 "$status"
fi

post "joke answers JokeRequest" 200 "$JOKE_URL" '{"event": "JokeRequest"}'
contains '"joke"'

post "card answers CardDraw" 200 "$CARD_URL" '{"event": "CardDraw"}'
contains ' of '

if [[ "$SKIP" != *,curl-network,* ]]; then
  post "network reports on the device" 200 "$NETWORK_URL" '{"event": "NetworkDeviceCheck", "device": "Router1"}'
  contains 'GigabitEthernet1'
fi

rm -f /tmp/curl_body.$$
exit "$FAILED"
