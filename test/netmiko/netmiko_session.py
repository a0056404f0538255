#!/usr/bin/python3
"""Drive an IOS-XE device with Netmiko, exactly as Netmiko's documentation shows.

Two sessions, one JSON summary on stdout:

* ``admin``: a privilege-15 account. enable(), show commands, a configuration change with
  send_config_set(), the change read back, the change undone, save_config(), disconnect().
* ``user`` (only with --user-port): a privilege-1 account that lands at ``>``; Netmiko must
  enable() with the secret before it can read the running-config and copy it to startup.
* ``everyday`` (only with --everyday JSON): send_command for each of ``show`` (the everyday
  commands automation tools send), send_config_set with ``config``, then save_config().

Usage (the password and secret are read from the environment so they never show in ``ps``)::

    DEVICE_PASSWORD=cisco DEVICE_ENABLE_SECRET=cisco \\
        /usr/bin/python3 netmiko_session.py --port 2222 [--user-port 2223] [--session-log DIR]

Exit status 0 when every step ran; 1 with ``"error"`` in the JSON when a step raised.
"""
import argparse
import json
import os
import sys
import time

from netmiko import ConnectHandler


class Steps:
    """Runs named steps, keeping each one's output and how long it took."""

    def __init__(self):
        self.outputs = {}
        self.timings = {}

    def run(self, name, action):
        started = time.monotonic()
        try:
            result = action()
        finally:
            self.timings[name] = round(time.monotonic() - started, 3)
        if isinstance(result, (str, bool)):
            self.outputs[name] = result
        return result


def admin_session(device):
    """The privilege-15 session: show, configure, read back, undo, save."""
    steps = Steps()
    conn = steps.run("connect", lambda: ConnectHandler(**device))
    try:
        prompt = steps.run("find_prompt", conn.find_prompt)
        steps.run("enable", conn.enable)
        steps.run("show version", lambda: conn.send_command("show version"))
        steps.run("show ip interface brief", lambda: conn.send_command("show ip interface brief"))
        steps.run(
            "show ip interface brief (use_textfsm=False)",
            lambda: conn.send_command("show ip interface brief", use_textfsm=False),
        )
        steps.run(
            "config shutdown",
            lambda: conn.send_config_set(
                ["interface GigabitEthernet2", "description set by netmiko", "shutdown"]
            ),
        )
        in_config = steps.run("check_config_mode", conn.check_config_mode)
        steps.run(
            "show running-config interface GigabitEthernet2",
            lambda: conn.send_command("show running-config interface GigabitEthernet2"),
        )
        steps.run(
            "config no shutdown",
            lambda: conn.send_config_set(["interface GigabitEthernet2", "no shutdown"]),
        )
        steps.run("save_config", conn.save_config)
        prompt_after = conn.find_prompt()
    finally:
        steps.run("disconnect", conn.disconnect)
    return {
        "prompt": prompt,
        "prompt_after": prompt_after,
        "base_prompt": conn.base_prompt,
        "in_config_mode_after_config_set": in_config,
        "outputs": steps.outputs,
        "timings": steps.timings,
        "total_s": round(sum(steps.timings.values()), 3),
    }


def user_session(device):
    """The privilege-1 session: lands at '>', enable() with the secret, then a privileged show."""
    steps = Steps()
    conn = steps.run("connect", lambda: ConnectHandler(**device))
    try:
        prompt = steps.run("find_prompt", conn.find_prompt)
        enabled_before = conn.check_enable_mode()
        steps.run("enable", conn.enable)
        enabled_after = conn.check_enable_mode()
        prompt_after = conn.find_prompt()
        steps.run(
            "show running-config interface GigabitEthernet1",
            lambda: conn.send_command("show running-config interface GigabitEthernet1"),
        )
        # A command that asks for confirmation, answered as Netmiko's examples do: read up to
        # the question with expect_string, then send Enter to take the default.
        steps.run(
            "copy running-config startup-config",
            lambda: conn.send_command(
                "copy running-config startup-config",
                expect_string=r"Destination filename \[startup-config\]\?",
            )
            + conn.send_command("\n", expect_string=r"#"),
        )
    finally:
        steps.run("disconnect", conn.disconnect)
    return {
        "prompt": prompt,
        "prompt_after": prompt_after,
        "enable_mode_before": enabled_before,
        "enable_mode_after": enabled_after,
        "outputs": steps.outputs,
        "timings": steps.timings,
        "total_s": round(sum(steps.timings.values()), 3),
    }


def everyday_session(device, plan):
    """send_command for every command of the plan, send_config_set with its lines, save_config."""
    steps = Steps()
    conn = steps.run("connect", lambda: ConnectHandler(**device))
    try:
        for command in plan["show"]:
            steps.run(command, lambda command=command: conn.send_command(command))
        steps.run("send_config_set", lambda: conn.send_config_set(plan["config"]))
        steps.run("save_config", conn.save_config)
    finally:
        steps.run("disconnect", conn.disconnect)
    return {"outputs": steps.outputs, "timings": steps.timings, "total_s": round(sum(steps.timings.values()), 3)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default=os.environ.get("DEVICE_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("DEVICE_PORT", "2222")))
    parser.add_argument("--user-port", type=int, help="SSH port of a privilege-1 account's device")
    parser.add_argument("--username", default=os.environ.get("DEVICE_USERNAME", "admin"))
    parser.add_argument("--session-log", help="folder for Netmiko's session logs")
    parser.add_argument("--everyday", help='JSON {"show": [commands], "config": [lines]} for a third session')
    args = parser.parse_args()
    password = os.environ.get("DEVICE_PASSWORD", "cisco")
    secret = os.environ.get("DEVICE_ENABLE_SECRET", "cisco")

    def device(port, name):
        params = {
            "device_type": "cisco_ios",
            "host": args.host,
            "port": port,
            "username": args.username,
            "password": password,
            "secret": secret,
        }
        if args.session_log:
            params["session_log"] = os.path.join(args.session_log, name + ".log")
        return params

    summary = {"netmiko": __import__("netmiko").__version__}
    started = time.monotonic()
    status = 0
    try:
        summary["admin"] = admin_session(device(args.port, "admin"))
        if args.user_port:
            summary["user"] = user_session(device(args.user_port, "user"))
        if args.everyday:
            summary["everyday"] = everyday_session(device(args.port, "everyday"), json.loads(args.everyday))
    except Exception as err:  # the summary says which step failed and why
        summary["error"] = "{}: {}".format(type(err).__name__, err)
        status = 1
    summary["total_s"] = round(time.monotonic() - started, 3)
    json.dump(summary, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return status


if __name__ == "__main__":
    sys.exit(main())
