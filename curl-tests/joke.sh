#!/usr/bin/env bash
# Step 2: the joke server (JokeRequest → icanhazdadjoke, or the bundled jokes offline).
# Usage: JOKE_URL=http://localhost:8001 bash curl-tests/joke.sh
source "$(dirname "$0")/lib.sh"
URL="${JOKE_URL:-http://localhost:8001}"

echo "== joke server at $URL"

request "$URL/health"
expect "health answers ok" 200 '.status == "ok"'

request -X POST "$URL/events" "${AUTH[@]}" -H "Content-Type: application/json" -d @payloads/joke_request.json
expect "JokeRequest answers a joke and says where it came from" 200 \
  '.joke | type == "string" and length > 0' '.source | IN("icanhazdadjoke", "offline")'

request -X POST "$URL/events" "${AUTH[@]}" -H "Content-Type: application/json" -d @payloads/joke_search.json
expect "a search term finds a joke containing it" 200 '.joke | ascii_downcase | contains("cat")' '.source | IN("icanhazdadjoke", "offline")'

# No joke anywhere contains this word: the API worked, there is just nothing to send.
request -X POST "$URL/events" "${AUTH[@]}" -H "Content-Type: application/json" -d '{"event": "JokeRequest", "term": "zyzzyvaquux"}'
expect "a term nothing matches answers 404" 404 '.error.code == "NOT_FOUND"'

request -X POST "$URL/events" "${AUTH[@]}" -H "Content-Type: application/json" -d '{"event": "JokeRequest", "term": 42}'
expect "a term that is not a string is refused with 422" 422 '.error.code == "VALIDATION_FAILED"' '[.error.details[].field] | index("term") != null'

# A webhook sender retries anything that is not 2xx; retrying an event we do not handle would not help.
request -X POST "$URL/events" "${AUTH[@]}" -H "Content-Type: application/json" -d @payloads/card_draw.json
expect "an event this server does not handle is ignored with 200" 200 '.status == "ignored"' '.supported | index("JokeRequest") != null'

finish
