#!/usr/bin/env bash
# Step 1: the basic webhook server. Usage: BASIC_URL=http://localhost:8000 bash curl-tests/basic.sh
source "$(dirname "$0")/lib.sh"
URL="${BASIC_URL:-http://localhost:8000}"

echo "== basic server at $URL"

request "$URL/health"
expect "health answers ok" 200 '.status == "ok"'

request -X POST "$URL/events" "${AUTH[@]}" -H "Content-Type: application/json" \
  -d '{"event": "InterfaceDown", "device": "Router1", "interface": "GigabitEthernet1"}'
expect "the lab's InterfaceDown event is acknowledged" 200 '.status == "ok"' '.id | type == "string"'

request -X POST "$URL/events" "${AUTH[@]}" -H "Content-Type: application/json" -d @payloads/basic_event.json
expect "an event from a payload file is acknowledged" 200 '.status == "ok"'

request -X POST "$URL/events" "${AUTH[@]}" -H "Content-Type: application/json" -d @payloads/joke_request.json
expect "any event name is accepted" 200 '.status == "ok"'

request -X POST "$URL/events" "${AUTH[@]}" -H "Content-Type: application/json" -d '{"device": "Router1"}'
expect "an event without a name is refused with 422" 422 '.error.code == "VALIDATION_FAILED"' '.error.details[0].field == "event"'

request -X POST "$URL/events" "${AUTH[@]}" -H "Content-Type: application/json" -d '{"event": "InterfaceDown", "timestamp": "last tuesday"}'
expect "a bad timestamp is named in the details" 422 '[.error.details[].field] | index("timestamp") != null'

request "$URL/nowhere"
expect "an unknown path answers 404" 404 '.error.code == "NOT_FOUND"'

request -X DELETE "$URL/events"
expect "a wrong method answers 405" 405 '.error.code == "METHOD_NOT_ALLOWED"'

finish
