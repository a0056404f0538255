#!/usr/bin/env python3
"""Send an interface event to a webhook listener, from a Cisco IOS-XE Guest Shell.

An EEM applet has no HTTP action, so the applet runs this script instead:

    event manager applet INTERFACE_DOWN
     event syslog pattern "Interface GigabitEthernet1, changed state to administratively down"
     action 1.0 cli command "enable"
     action 2.0 cli command "guestshell run python3 /bootflash/guest-share/send_webhook.py InterfaceDown GigabitEthernet1"

Usage: send_webhook.py EVENT [INTERFACE]
Only the Python standard library is used (the Guest Shell has no pip packages by default).
WEBHOOK_URL, WEBHOOK_TOKEN and WEBHOOK_SECRET below may also come from the environment.
"""
import datetime
import hashlib
import hmac
import json
import os
import socket
import sys
import urllib.request
import uuid

WEBHOOK_URL = os.environ.get("WEBHOOK_URL", "http://192.0.2.10:8003/events")  # your network server
WEBHOOK_TOKEN = os.environ.get("WEBHOOK_TOKEN", "")    # Authorization: Bearer <token>, if the server uses one
WEBHOOK_SECRET = os.environ.get("WEBHOOK_SECRET", "")  # signs the body (X-Hub-Signature-256), if set


def device_name():
    """The router's hostname: from the IOS CLI inside the Guest Shell, else the host's name."""
    try:
        from cli import cli  # only exists inside an IOS-XE Guest Shell
        for line in cli("show running-config | include ^hostname").splitlines():
            if line.startswith("hostname "):
                return line.split()[1]
    except Exception:
        pass
    return os.environ.get("DEVICE_NAME", socket.gethostname().split(".")[0])


def main(argv):
    if len(argv) < 2:
        sys.stderr.write("usage: send_webhook.py EVENT [INTERFACE]\n")
        return 2
    event = {"event": argv[1], "device": device_name(),
             "timestamp": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}
    if len(argv) > 2:
        event["interface"] = argv[2]
    body = json.dumps(event).encode("utf-8")
    headers = {"Content-Type": "application/json", "Idempotency-Key": str(uuid.uuid4()),
               "User-Agent": "hooklab-guestshell/1.0"}
    if WEBHOOK_TOKEN:
        headers["Authorization"] = "Bearer " + WEBHOOK_TOKEN
    if WEBHOOK_SECRET:
        secret = WEBHOOK_SECRET.split(",")[0].strip()
        headers["X-Hub-Signature-256"] = "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    request = urllib.request.Request(WEBHOOK_URL, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            print(answer.status, answer.read().decode("utf-8", "replace")[:500])
            return 0
    except urllib.error.HTTPError as err:
        print(err.code, err.read().decode("utf-8", "replace")[:500])
        return 1
    except OSError as err:
        print("could not reach", WEBHOOK_URL, "-", err)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
