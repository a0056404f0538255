#!/usr/bin/env bash
# Step 4: the network server (device events → SSH to the router → report / diagnose / back up).
# Usage: NETWORK_URL=http://localhost:8003 bash curl-tests/network.sh
# With the router simulator's control port (DEVICE_CONTROL_URL, default http://127.0.0.1:2280)
# it also shuts an interface for real, checks the diagnosis, and brings it back.
source "$(dirname "$0")/lib.sh"
URL="${NETWORK_URL:-http://localhost:8003}"
CONTROL="${DEVICE_CONTROL_URL:-http://127.0.0.1:2280}"
VERDICTS='IN("admin_down", "link_down", "protocol_down", "up")'
# SSH to a device takes longer than an HTTP call: give each request some room.
CURL_MAX_TIME="${CURL_MAX_TIME:-60}"

echo "== network server at $URL"

request "$URL/health"
expect "health answers ok" 200 '.status == "ok"'

request -X POST "$URL/events" "${AUTH[@]}" -H "Content-Type: application/json" -d @payloads/network_device_check.json
expect "NetworkDeviceCheck answers a device report" 200 \
  '.hostname | type == "string"' \
  '.interfaces | type == "array" and length > 0' \
  'all(.interfaces[]; (.name | type == "string") and (.status | type == "string") and (.protocol | type == "string"))' \
  '.counts.total == (.interfaces | length)' '.counts.up + .counts.down == .counts.total'

request -X POST "$URL/events" "${AUTH[@]}" -H "Content-Type: application/json" -d @payloads/interface_down.json
expect "InterfaceDown answers a diagnosis with a verdict" 200 \
  '.interface == "GigabitEthernet1"' ".verdict | $VERDICTS" '.summary | type == "string"' '.recent_logs | type == "array"'

# The lab's EEM applet sends no device: the server uses its default one.
request -X POST "$URL/events" "${AUTH[@]}" -H "Content-Type: application/json" -d @payloads/interface_down_eem.json
expect "InterfaceDown without a device uses the default device" 200 ".verdict | $VERDICTS"

request -X POST "$URL/events" "${AUTH[@]}" -H "Content-Type: application/json" -d @payloads/config_change.json
expect "ConfigChange backs up the running configuration" 200 '.backup | type == "string"' '.bytes > 0' 'has("diff") and has("changed") and has("previous")'

request -X POST "$URL/events" "${AUTH[@]}" -H "Content-Type: application/json" -d @payloads/config_change.json
expect "a second ConfigChange is compared with the first backup" 200 '.previous | type == "string"' '.diff | type == "string"' '.changed | type == "boolean"'

request -X POST "$URL/events" "${AUTH[@]}" -H "Content-Type: application/json" -d '{"event": "NetworkDeviceCheck", "device": "NoSuchRouter"}'
expect "a device not in the inventory is refused with 422" 422 '.error.code == "UNKNOWN_DEVICE"'

# The interface name becomes part of a CLI command: anything that is not an interface name is refused.
request -X POST "$URL/events" "${AUTH[@]}" -H "Content-Type: application/json" -d '{"event": "InterfaceDown", "interface": "Gi1; reload"}'
expect "a command smuggled into the interface name is refused with 422" 422 '.error.code == "VALIDATION_FAILED"' '[.error.details[].field] | index("interface") != null'

request -X POST "$URL/events" "${AUTH[@]}" -H "Content-Type: application/json" -d @payloads/joke_request.json
expect "an event this server does not handle is ignored with 200" 200 '.status == "ignored"'

# A real outage, made on the simulator: shut GigabitEthernet2, ask for a diagnosis, undo it.
if curl -s -o /dev/null --max-time 3 "$CONTROL/interfaces"; then
  WAS_SHUT="$(curl -s --max-time 5 "$CONTROL/interfaces" | jq -r '.interfaces[] | select(.name == "GigabitEthernet2") | .shutdown')"
  request -X POST "$CONTROL/interfaces/GigabitEthernet2/shutdown"
  expect "the simulator shuts GigabitEthernet2" 200 '.shutdown == true'

  request -X POST "$URL/events" "${AUTH[@]}" -H "Content-Type: application/json" -d '{"event": "InterfaceDown", "device": "Router1", "interface": "Gi2"}'
  expect "InterfaceDown on a shut interface says admin_down" 200 '.interface == "GigabitEthernet2"' '.verdict == "admin_down"' '.summary | test("administratively down")'

  if [ "$WAS_SHUT" != "true" ]; then   # leave the router as we found it
    request -X POST "$CONTROL/interfaces/GigabitEthernet2/no-shutdown"
    expect "GigabitEthernet2 is brought back up" 200 '.shutdown == false'
  fi
else
  echo "(no router simulator control port at $CONTROL: the shutdown check is skipped)"
fi

finish
