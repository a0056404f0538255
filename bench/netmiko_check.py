#!/usr/bin/env python3
"""The baseline a network engineer knows: a plain Netmiko script, as its docs show it.

Connect, run the two show commands a NetworkDeviceCheck runs, disconnect. Prints the elapsed
seconds as JSON. Usage: netmiko_check.py PORT (password from DEVICE_PASSWORD).
"""
import json
import os
import sys
import time

from netmiko import ConnectHandler

started = time.perf_counter()
device = ConnectHandler(device_type="cisco_ios", host="127.0.0.1", port=int(sys.argv[1]),
                        username=os.environ.get("DEVICE_USERNAME", "admin"),
                        password=os.environ["DEVICE_PASSWORD"], secret=os.environ.get("DEVICE_ENABLE_SECRET", ""))
connected = time.perf_counter()
version = device.send_command("show version")
interfaces = device.send_command("show ip interface brief")
device.disconnect()
finished = time.perf_counter()
print(json.dumps({"total_ms": round((finished - started) * 1000, 1), "connect_ms": round((connected - started) * 1000, 1),
                  "ok": "IOS XE" in version and "Interface" in interfaces}))
