#!/usr/bin/env bash
# Webhook security, checked from the outside. Point it at a server started with the same
# WEBHOOK_TOKEN and WEBHOOK_SECRET you give this script:
#   WEBHOOK_TOKEN=... WEBHOOK_SECRET=... SECURITY_URL=http://localhost:8000 bash curl-tests/security.sh
source "$(dirname "$0")/lib.sh"
URL="${SECURITY_URL:-${BASIC_URL:-http://localhost:8000}}"
BODY='{"event": "InterfaceDown", "device": "Router1", "interface": "GigabitEthernet1"}'

echo "== security checks against $URL"

if [ -n "${WEBHOOK_TOKEN:-}" ]; then
  request -X POST "$URL/events" -H "Content-Type: application/json" -d "$BODY"
  expect "no token is refused with 401" 401 '.error.code == "UNAUTHORIZED"'

  request -X POST "$URL/events" -H "Authorization: Bearer not-the-token" -H "Content-Type: application/json" -d "$BODY"
  expect "a wrong token is refused with 401" 401 '.error.code == "UNAUTHORIZED"'

  request -X POST "$URL/events" -H "Authorization: Bearer $WEBHOOK_TOKEN" -H "Content-Type: application/json" -d "$BODY"
  expect "the right token is accepted" 200
else
  echo "(WEBHOOK_TOKEN is not set here: token checks skipped)"
fi

if [ -n "${WEBHOOK_SECRET:-}" ]; then
  SECRET="${WEBHOOK_SECRET%%,*}"   # the first secret, when several are listed for rotation

  # How GitHub signs a delivery: HMAC-SHA256 of the exact body bytes, hex, prefixed "sha256=".
  SIGNATURE="sha256=$(printf '%s' "$BODY" | openssl dgst -sha256 -hmac "$SECRET" | sed 's/^.*= //')"
  echo; echo "# signature computed with: printf '%s' \"\$BODY\" | openssl dgst -sha256 -hmac \"\$WEBHOOK_SECRET\""
  request -X POST "$URL/events" -H "X-Hub-Signature-256: $SIGNATURE" -H "Content-Type: application/json" -d "$BODY"
  expect "a valid HMAC signature (X-Hub-Signature-256) is accepted" 200

  request -X POST "$URL/events" -H "X-Hub-Signature-256: $SIGNATURE" -H "Content-Type: application/json" \
    -d '{"event": "InterfaceDown", "device": "Router2", "interface": "GigabitEthernet1"}'
  expect "a signature over a different body is refused with 401" 401 '.error.code == "UNAUTHORIZED"'

  request -X POST "$URL/events" -H "X-Hub-Signature-256: sha256=0000" -H "Content-Type: application/json" -d "$BODY"
  expect "a bad signature is refused with 401" 401 '.error.code == "UNAUTHORIZED"'

  # Standard Webhooks: sign "id.timestamp.body"; a timestamp older than 5 minutes is a replay.
  ID="msg_curl_$$"
  OLD=$(( $(date +%s) - 600 ))
  STALE="v1,$(printf '%s' "$ID.$OLD.$BODY" | openssl dgst -sha256 -hmac "$SECRET" -binary | openssl base64 -A)"
  request -X POST "$URL/events" -H "webhook-id: $ID" -H "webhook-timestamp: $OLD" -H "webhook-signature: $STALE" \
    -H "Content-Type: application/json" -d "$BODY"
  expect "a stale timestamp (10 minutes old) is refused with 401" 401 '.error.code == "UNAUTHORIZED"' '.error.message | test("timestamp")'
else
  echo "(WEBHOOK_SECRET is not set here: signature checks skipped)"
fi

# Input checks apply to every server, authenticated or not.
AUTH_OK=()
if [ -n "${WEBHOOK_TOKEN:-}" ]; then AUTH_OK=(-H "Authorization: Bearer $WEBHOOK_TOKEN"); fi

request -X POST "$URL/events" "${AUTH_OK[@]}" -H "Content-Type: application/json" -d '{"event": "InterfaceDown",'
expect "malformed JSON is refused with 400" 400 '.error.code == "INVALID_JSON"'

request -X POST "$URL/events" "${AUTH_OK[@]}" -H "Content-Type: text/plain" -d "$BODY"
expect "a content type other than JSON is refused with 415" 415 '.error.code == "UNSUPPORTED_MEDIA_TYPE"'

BIG_FILE="$(mktemp)"
printf '{"event": "InterfaceDown", "filler": "%s"}' "$(head -c 150000 /dev/zero | tr '\0' 'x')" > "$BIG_FILE"
request -X POST "$URL/events" "${AUTH_OK[@]}" -H "Content-Type: application/json" --data-binary "@$BIG_FILE"
expect "a body over BODY_LIMIT (150 kB against 100 kB) is refused with 413" 413 '.error.code == "PAYLOAD_TOO_LARGE"'
rm -f "$BIG_FILE"

request -X POST "$URL/events" "${AUTH_OK[@]}" -H "Content-Type: application/json" -d '{"event": "x", "__proto__": {"admin": true}}'
expect "prototype-pollution keys are refused with 422" 422 '.error.code == "VALIDATION_FAILED"'

finish
