#!/usr/bin/env bash
# This repo's curl-tests/ as one suite, the way the grader runs a student's (GRADE_CURL_SUITE):
# every script against BASIC_URL, JOKE_URL, CARD_URL, NETWORK_URL (security.sh against the basic
# server with WEBHOOK_TOKEN and WEBHOOK_SECRET). Exits non-zero when any check failed.
CURL_TESTS="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../curl-tests" && pwd)"
STATUS=0
for SCRIPT in basic joke card network; do
  bash "$CURL_TESTS/$SCRIPT.sh" || STATUS=1
done
SECURITY_URL="${SECURITY_URL:-$BASIC_URL}" bash "$CURL_TESTS/security.sh" || STATUS=1
exit "$STATUS"
