#!/usr/bin/env bash
# Step 3: the card server (CardDraw → deckofcardsapi, one deck kept across events).
# Usage: CARD_URL=http://localhost:8002 bash curl-tests/card.sh
source "$(dirname "$0")/lib.sh"
URL="${CARD_URL:-http://localhost:8002}"
CARD='^(ACE|[2-9]|10|JACK|QUEEN|KING) of (SPADES|HEARTS|DIAMONDS|CLUBS)$'

echo "== card server at $URL"

request "$URL/health"
expect "health answers ok" 200 '.status == "ok"'

request -X POST "$URL/events" "${AUTH[@]}" -H "Content-Type: application/json" -d @payloads/card_draw.json
expect "CardDraw answers one card, named as the lab does" 200 ".card | test(\"$CARD\")" '.cards | length == 1' '.remaining | type == "number"'
BEFORE="$(jq -r '.remaining // empty' "$BODY_FILE")"

request -X POST "$URL/events" "${AUTH[@]}" -H "Content-Type: application/json" -d @payloads/card_draw_five.json
expect "count 5 answers 5 different cards" 200 '.cards | length == 5' '[.cards[].code] | unique | length == 5' ".card | test(\"$CARD\")"

# The deck lasts across events: 5 fewer cards than before, unless it ran out and was reshuffled.
if [ -n "$BEFORE" ]; then
  expect "the same deck is used: remaining went from $BEFORE down by 5" 200 ".remaining == ($BEFORE - 5) or .reshuffled == true"
fi

for COUNT in 0 53 '"5"'; do
  request -X POST "$URL/events" "${AUTH[@]}" -H "Content-Type: application/json" -d "{\"event\": \"CardDraw\", \"count\": $COUNT}"
  expect "count $COUNT is refused with 422" 422 '.error.code == "VALIDATION_FAILED"' '[.error.details[].field] | index("count") != null'
done

request -X POST "$URL/events" "${AUTH[@]}" -H "Content-Type: application/json" -d @payloads/joke_request.json
expect "an event this server does not handle is ignored with 200" 200 '.status == "ignored"' '.supported | index("CardDraw") != null'

finish
