#!/usr/bin/env bash
# curl tests for the four servers; exits 1 when a check fails. Set BASIC_URL, JOKE_URL,
# CARD_URL, NETWORK_URL and WEBHOOK_TOKEN first, e.g.
#   BASIC_URL=http://localhost:8000 JOKE_URL=http://localhost:8001 CARD_URL=http://localhost:8002 \
#   NETWORK_URL=http://localhost:8003 WEBHOOK_TOKEN=my-token bash curl-tests.sh
OFF=",${CALIBRATION_DISABLE:-},"   # features switched off for the grader's calibration
FAILURES=0
OUT="$(mktemp)"
trap 'rm -f "$OUT"' EXIT

# check NAME EXPECTED_STATUS CURL_ARGS... : runs curl, compares the status code.
check() {
  local name="$1" want="$2"; shift 2
  local got; got="$(curl -s -o "$OUT" -w '%{http_code}' --max-time 30 "$@")"
  if [ "$got" == "$want" ]; then echo "ok   $name"; else echo "FAIL $name (wanted $want, got $got) $(head -c 150 "$OUT")"; FAILURES=$((FAILURES + 1)); fi
}
event() { check "$1" "$2" -X POST "$3/events" -H "Content-Type: application/json" -H "Authorization: Bearer $WEBHOOK_TOKEN" -d "$4"; }

event "basic: the lab's event" 200 "$BASIC_URL" '{"event": "InterfaceDown", "device": "Router1", "interface": "GigabitEthernet1"}'
if [[ "$OFF" != *,validation,* ]]; then event "basic: no event name" 422 "$BASIC_URL" '{"device": "Router1"}'; fi
if [[ "$OFF" != *,curl-malformed,* && "$OFF" != *,json-errors,* ]]; then event "basic: not JSON" 400 "$BASIC_URL" '{"event":'; fi
if [[ "$OFF" != *,curl-token,* ]]; then
  check "basic: no token" 401 -X POST "$BASIC_URL/events" -H "Content-Type: application/json" -d '{"event": "Test"}'
  check "basic: wrong token" 401 -X POST "$BASIC_URL/events" -H "Content-Type: application/json" -H "Authorization: Bearer nope" -d '{"event": "Test"}'
fi
event "joke: JokeRequest" 200 "$JOKE_URL" '{"event": "JokeRequest"}'
grep -q '"joke"' "$OUT" || { echo "FAIL joke: no joke in the answer"; FAILURES=$((FAILURES + 1)); }
event "card: CardDraw" 200 "$CARD_URL" '{"event": "CardDraw"}'
grep -q '"card"' "$OUT" || { echo "FAIL card: no card in the answer"; FAILURES=$((FAILURES + 1)); }
if [[ "$OFF" != *,curl-network,* ]]; then event "network: NetworkDeviceCheck" 200 "$NETWORK_URL" '{"event": "NetworkDeviceCheck", "device": "Router1"}'; fi

echo "$FAILURES failed"
[ "$FAILURES" -eq 0 ]
