#!/usr/bin/python3
"""Upload a file to an IOS-XE device the way NAPALM's ios driver does, with Netmiko's own
FileTransfer (SCP over paramiko + Python's scp module) — NAPALM's ``_xfer_file`` step by step
(napalm-automation/napalm ``napalm/ios/ios.py``, commit ee70e634):

    with FileTransfer(ssh_conn=device, source_file=..., dest_file=..., direction="put",
                      file_system=<autodetected>) as transfer:
        if transfer.check_file_exists() and transfer.compare_md5(): "no SCP needed"
        if not transfer.verify_space_available(): fail
        "ip scp server enable" in send_command("show running-config | inc ip scp server enable")
        transfer.transfer_file()
        transfer.verify_file()

Twice with the same file: the second time the file is found with the same MD5 and not sent.
One JSON summary on stdout. The password comes from the environment (never in ``ps``)::

    DEVICE_PASSWORD=cisco /usr/bin/python3 file_transfer.py --port 2222 --source FILE --dest NAME
"""
import argparse
import json
import os

import netmiko
from netmiko import ConnectHandler, FileTransfer


def xfer_file(device, source, dest):
    """NAPALM's _xfer_file with TransferClass=FileTransfer; answers what happened."""
    with FileTransfer(ssh_conn=device, source_file=source, dest_file=dest, direction="put") as transfer:
        steps = {"file_system": transfer.file_system}
        steps["exists"] = transfer.check_file_exists()
        if steps["exists"] and transfer.compare_md5():
            steps["result"] = "File already exists and has correct MD5: no SCP needed"
            return steps
        steps["space_ok"] = transfer.verify_space_available()
        if not steps["space_ok"]:
            steps["result"] = "Insufficient space available on remote device"
            return steps
        output = device.send_command_expect("show running-config | inc ip scp server enable")
        if "ip scp server enable" not in output:
            steps["result"] = "SCP file transfers are not enabled."
            return steps
        transfer.transfer_file()
        steps["verified"] = transfer.verify_file()
        steps["result"] = "File successfully transferred to remote device" if steps["verified"] else "failed"
        steps["remote_size"] = transfer.remote_file_size()
        return steps


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--dest", required=True)
    args = parser.parse_args()
    summary = {"netmiko": netmiko.__version__}
    try:
        device = ConnectHandler(
            device_type="cisco_ios",
            host="127.0.0.1",
            port=args.port,
            username=os.environ["DEVICE_USERNAME"],
            password=os.environ["DEVICE_PASSWORD"],
            allow_agent=False,
            use_keys=False,
        )
        summary["first"] = xfer_file(device, args.source, args.dest)
        summary["second"] = xfer_file(device, args.source, args.dest)
        device.disconnect()
    except Exception as error:  # the summary names the step's failure for the test's message
        summary["error"] = "{}: {}".format(type(error).__name__, error)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
