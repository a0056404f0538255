"""Step 4 and 6: device events -> Netmiko. Run: uvicorn network_webhook_server:app --port 8003"""
import asyncio
import os
import re

from fastapi import FastAPI, HTTPException, Request
from netmiko import ConnectHandler
from netmiko.ssh_exception import NetMikoAuthenticationException, NetMikoTimeoutException

from webhook_common import enabled, make_logger, read_event, unrecognized

DEVICE = {
    "device_type": "cisco_ios",
    "host": os.getenv("DEVICE_HOST", "127.0.0.1"),
    "port": int(os.getenv("DEVICE_PORT", "22")),
    "username": os.getenv("DEVICE_USERNAME", ""),
    "password": os.getenv("DEVICE_PASSWORD", ""),
    "secret": os.getenv("DEVICE_ENABLE_SECRET", ""),
    "timeout": 10,
    "fast_cli": True,
}
DEVICE_NAME = os.getenv("DEVICE_NAME", "Router1")
INTERFACE = re.compile(r"^[A-Za-z][A-Za-z-]*\d+(/\d+)*(\.\d+)?$")

app = FastAPI()
log = make_logger("network")


def run_commands(*commands):
    """One SSH session: the prompt (hostname) and each command's output."""
    log("DEVICE_CONNECT", device=DEVICE_NAME, host=DEVICE["host"], port=DEVICE["port"])
    with ConnectHandler(**DEVICE) as conn:
        hostname = conn.find_prompt().rstrip("#>")
        outputs = {}
        for command in commands:
            log("DEVICE_COMMAND", device=DEVICE_NAME, command=command)
            outputs[command] = conn.send_command(command)
        return hostname, outputs


def parse_brief(text):
    """show ip interface brief -> [{name, ip, status, protocol}]."""
    rows = []
    for line in text.splitlines()[1:]:
        parts = line.split()
        if len(parts) >= 6:
            rows.append({"name": parts[0], "ip": parts[1], "status": " ".join(parts[4:-1]), "protocol": parts[-1]})
    return rows


async def on_device(*commands):
    if not enabled("device-errors"):
        return await asyncio.to_thread(run_commands, *commands)
    try:
        return await asyncio.to_thread(run_commands, *commands)
    except NetMikoAuthenticationException:
        raise HTTPException(status_code=502, detail="the device refused the login")
    except (NetMikoTimeoutException, OSError, EOFError) as err:
        log("DEVICE_ERROR", device=DEVICE_NAME, reason=type(err).__name__)
        raise HTTPException(status_code=504, detail=f"the device cannot be reached: {type(err).__name__}")
    except Exception as err:  # paramiko raises several kinds when a connection is cut
        log("DEVICE_ERROR", device=DEVICE_NAME, reason=type(err).__name__)
        raise HTTPException(status_code=502, detail=f"the device connection failed: {type(err).__name__}")


@app.post("/events")
async def receive_event(request: Request):
    payload = await read_event(request, log)
    event = payload.get("event")
    if payload.get("device", DEVICE_NAME) != DEVICE_NAME:
        raise HTTPException(status_code=422, detail=f"unknown device {payload.get('device')}")
    if event == "NetworkDeviceCheck":
        hostname, outputs = await on_device("show ip interface brief")
        interfaces = parse_brief(outputs["show ip interface brief"])
        return {"device": DEVICE_NAME, "hostname": hostname, "interfaces": interfaces}
    if event == "InterfaceDown" and enabled("close-loop"):
        interface = str(payload.get("interface", ""))
        if enabled("interface-validation") and not INTERFACE.match(interface):
            raise HTTPException(status_code=422, detail="'interface' must be an interface name such as GigabitEthernet1")
        hostname, outputs = await on_device(f"show interfaces {interface}")
        first_line = outputs[f"show interfaces {interface}"].strip().splitlines()[:1]
        return {"device": hostname, "interface": interface, "state": first_line[0] if first_line else ""}
    return unrecognized(event)
