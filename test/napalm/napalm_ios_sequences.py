#!/usr/bin/python3
"""Send NAPALM's ios driver command sequences over Netmiko and parse the answers its way.

NAPALM is not packaged by Debian, but its ios driver talks to a device only through Netmiko
(``ConnectHandler(device_type="cisco_ios")``, then ``enable()``, then ``send_command`` per
command, each answer stripped by ``_send_command_postprocess``). This script does exactly that
with Debian's Netmiko, sends for each getter the commands the driver sends, in its order, and
parses the answers with the driver's own rules, ported below (regular expressions verbatim).

Source: napalm-automation/napalm ``napalm/ios/ios.py`` and
``napalm/ios/utils/textfsm_templates/show_lldp_neighbors_detail.tpl`` at commit
ee70e634555f6d1f9d32369f2151dde526ad6dfd (5.2.0 + 3, Aug 2026); helpers from
``napalm/base/helpers.py`` and ``napalm/base/constants.py`` at the same commit.

One JSON object on stdout: for each getter, the commands sent and the result (or the error a
parse raised, as NAPALM would raise it). The password and secret come from the environment.
"""
import argparse
import ipaddress
import json
import os
import re
import sys

from netmiko import ConnectHandler

# ios.py module constants (verbatim).
IP_ADDR_REGEX = r"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}"
MAC_REGEX = r"[a-fA-F0-9]{4}\.[a-fA-F0-9]{4}\.[a-fA-F0-9]{4}"
RE_IPADDR = re.compile(IP_ADDR_REGEX)
RE_MAC = re.compile(MAC_REGEX)
RE_IP_ROUTE_VIA_REGEX = re.compile(
    r"[ ]{2}([*| ])[ ](?P<ip>" + IP_ADDR_REGEX + r")"
    r"( [\(\)a-z\d\.]+)?(, from " + IP_ADDR_REGEX + r", "
    r"(?P<age>[\ddhwy:]+) ago)?(, via (?P<via>\S+))?"
)
RE_VRF_SIMPLE = re.compile(r"[ ]{2}(\S+)")
RE_VRF_ADVAN = re.compile(r"[ ]{2}(\S+)[ ]+[<> a-z:\d]+[ ]+([a-z\d,]+)")
RE_RP_ROUTE = re.compile(r"Routing entry for (" + IP_ADDR_REGEX + r"\/\d+)")
RE_RP_FROM = re.compile(r"Known via \"([a-z]+)[ \"]")
RE_RP_VIA = re.compile(r"via (\S+)")
RE_RP_METRIC = re.compile(r"[ ]+Route metric is (\d+)")
# napalm/base/constants.py
LLDP_CAPAB = {"o": "other", "n/a": "other", "p": "repeater", "b": "bridge", "w": "wlan-access-point",
              "r": "router", "t": "telephone", "c": "docsis-cable-device", "s": "station"}


class Driver:
    """The parts of IOSDriver that talk to the device: _send_command and its postprocessing."""

    def __init__(self, conn):
        self.conn = conn
        self.sent = []
        # Commands the device refused (IOS's parser errors): the test fails on any.
        self.refused = []

    def send(self, command):
        """IOSDriver._send_command: a list is tried until an answer lacks '% Invalid'."""
        commands = command if isinstance(command, list) else [command]
        for cmd in commands:
            self.sent.append(cmd)
            output = self.conn.send_command(cmd)
            if re.search(r"^% (Invalid|Incomplete|Ambiguous)", output, re.M):
                self.refused.append(cmd)
            if "% Invalid" not in output:
                break
        output = re.sub(r"^Load for five secs.*$", "", output, flags=re.M)
        output = re.sub(r"^Time source is .*$", "", output, flags=re.M)
        return output.strip()


def mac(text):
    """napalm.base.helpers.mac: netaddr's EUI in mac_unix_expanded, upper case."""
    hexdigits = re.sub(r"[^0-9a-fA-F]", "", text)
    if len(hexdigits) != 12:
        raise ValueError("not a MAC address: {}".format(text))
    return ":".join(hexdigits[i:i + 2] for i in range(0, 12, 2)).upper()


def parse_uptime(uptime_str):
    seconds = {"year": 365 * 86400, "week": 7 * 86400, "day": 86400, "hour": 3600, "minute": 60}
    total = 0
    for element in uptime_str.strip().split(","):
        for unit, size in seconds.items():
            if re.search(unit, element):
                total += int(element.split()[0]) * size
                break
    return total


def get_facts(d):
    uptime, serial_number, fqdn, os_version, hostname, domain_name = -1, *("Unknown",) * 5
    show_ver = d.send("show version")
    show_hosts = d.send("show hosts")
    show_ip_int_br = d.send("show ip interface brief")
    for line in show_ver.splitlines():
        if " uptime is " in line:
            hostname, uptime_str = line.split(" uptime is ")
            uptime = parse_uptime(uptime_str)
            hostname = hostname.strip()
        if "Processor board ID" in line:
            _, serial_number = line.split("Processor board ID ")
            serial_number = serial_number.strip()
        if re.search(r"Cisco IOS Software", line):
            try:
                _, os_version = line.split("Cisco IOS Software, ")
            except ValueError:
                _, os_version = re.split(r"Cisco IOS Software \[.*?\], ", line)
        os_version = os_version.strip()
    for line in show_hosts.splitlines():
        if "Default domain" in line:
            _, domain_name = line.split("Default domain is ")
            domain_name = domain_name.strip()
            break
    if domain_name != "Unknown" and hostname != "Unknown":
        fqdn = "{}.{}".format(hostname, domain_name)
    match_model = re.search(r"Cisco (.+?) .+bytes of", show_ver, flags=re.IGNORECASE)
    model = match_model.group(1) if match_model else "Unknown"
    show_ip_int_br = re.split(r"Any interface listed with.*", show_ip_int_br)[-1].strip()
    interface_list = [line.split()[0] for line in show_ip_int_br.splitlines() if "Interface " not in line]
    return {"uptime": float(uptime), "vendor": "Cisco", "os_version": os_version, "serial_number": serial_number,
            "model": model, "hostname": hostname, "fqdn": fqdn, "interface_list": interface_list}


def get_interfaces(d):
    output = d.send("show interfaces")
    interface = description = mac_address = ""
    is_enabled = is_up = None
    result = {}
    for line in output.splitlines():
        for pattern in (r"^(\S+?)\s+is\s+(.+?),\s+line\s+protocol\s+is\s+(\S+)", r"^(\S+)\s+is\s+(up|down)",
                        r"^(Control Plane Interface)\s+is\s+(.+?),\s+line\s+protocol\s+is\s+(\S+)"):
            m = re.search(pattern, line)
            if m:
                interface, status = m.group(1), m.group(2)
                protocol = m.group(3) if m.lastindex and m.lastindex >= 3 else ""
                is_enabled = "admin" not in status.lower()
                is_up = "up" in protocol if protocol else "up" in status
                break
        m = re.search(r"^\s+Hardware.+address\s+is\s+({})".format(MAC_REGEX), line)
        if m:
            mac_address = mac(m.groups()[0])
        m = re.search(r"^\s+Description:\s+(.+?)$", line)
        if m:
            description = m.groups()[0]
        m = re.search(r"^\s+MTU\s+(\d+).+BW\s+(\d+)\s+([KMG]?b)", line)
        if m:
            mtu, speed, fmt = int(m.group(1)), float(m.group(2)), m.group(3)
            speed = speed / 1000.0 if fmt.startswith("Kb") else speed * 1000 if fmt.startswith("Gb") else speed
            if interface == "":
                raise ValueError("Interface attributes were found without any known interface")
            if not isinstance(is_up, bool) or not isinstance(is_enabled, bool):
                raise ValueError("Did not correctly find the interface status")
            result[interface] = {"is_enabled": is_enabled, "is_up": is_up, "description": description,
                                 "mac_address": mac_address, "last_flapped": -1.0, "mtu": mtu, "speed": speed}
            interface = description = mac_address = ""
            is_enabled = is_up = None
    return result


def get_interfaces_ip(d):
    show_ip_interface = d.send("show ip interface")
    show_ipv6_interface = d.send("show ipv6 interface")
    internet = r"\s+(?:Internet address is|Secondary address) (?P<ip>{})/(?P<prefix>\d+)".format(IP_ADDR_REGEX)
    interfaces = {}
    for line in show_ip_interface.splitlines():
        if len(line.strip()) == 0:
            continue
        if line[0] != " ":
            ipv4 = {}
            interface_name = line.split()[0]
        m = re.match(internet, line)
        if m:
            ipv4[m.group("ip")] = {"prefix_length": int(m.group("prefix"))}
            interfaces[interface_name] = {"ipv4": ipv4}
    if "% Invalid input detected at" not in show_ipv6_interface:
        for line in show_ipv6_interface.splitlines():
            if line.strip() and line[0] != " ":
                interfaces.setdefault(line.split()[0], {})["ipv6"] = {}
    return interfaces


def get_arp_table(d):
    output = d.send("show arp | exclude Incomplete").split("\n")[1:]
    table = []
    for line in output:
        if len(line) == 0:
            return {}
        fields = line.split()
        if len(fields) == 5:
            interface = ""
            _, address, age, hw, _ = fields
        elif len(fields) == 6:
            _, address, age, hw, _, interface = fields
        else:
            raise ValueError("Unexpected output from: {}".format(fields))
        age = float(-1 if age == "-" else age)
        if not RE_IPADDR.search(address):
            raise ValueError("Invalid IP Address detected: {}".format(address))
        if not RE_MAC.search(hw):
            raise ValueError("Invalid MAC Address detected: {}".format(hw))
        table.append({"interface": interface, "mac": mac(hw), "ip": address, "age": age})
    return table


def lldp_detail_records(text):
    """show_lldp_neighbors_detail.tpl's rules: Start state lines, Description takes the next line."""
    rules = [
        ("local_interface", r"^Local Int(?:er)?f(?:ace)?\s*?[:-]\s+(.*)"),
        ("remote_chassis_id", r"^Chassis id\s*?[:-]\s+(.*)"),
        ("remote_port", r"^Port id\s*?[:-]\s+(.*)"),
        ("remote_port_description", r"^Port Description\s*?[:-]\s+(.+)"),
        ("remote_system_name", r"^System Name\s*?[:-]\s+(.*)"),
        ("remote_system_description", r"^System Description\s*-\s*(.+)"),
        ("remote_system_capab", r"^System Capabilities\s*?[:-]\s+(.*)"),
        ("remote_system_enable_capab", r"^Enabled Capabilities\s*?[:-]\s+(.*)"),
    ]
    empty = {name: "" for name, _ in rules}
    records, row, describing = [], dict(empty), False
    for line in text.splitlines():
        if describing:
            # `^${REMOTE_SYSTEM_DESCRIPTION} -> Start`: the value is `.+`, so a blank line waits.
            if re.match(r"^(.+)", line):
                row["remote_system_description"] = line
                describing = False
            continue
        if re.match(r"^System Description:", line):
            describing = True
            continue
        for name, regex in rules:
            m = re.match(regex, line)
            if m:
                row[name] = m.group(1)
                if name == "remote_system_enable_capab":
                    records.append(row)
                    row = dict(empty)
                break
    return records


def canonical(name):
    """napalm's canonical_interface_name, for the short names IOS prints (Gi1 -> GigabitEthernet1)."""
    m = re.match(r"^(Gi|Lo|Te|Fa)(\d\S*)$", name)
    full = {"Gi": "GigabitEthernet", "Lo": "Loopback", "Te": "TenGigabitEthernet", "Fa": "FastEthernet"}
    return full[m.group(1)] + m.group(2) if m else name


def get_lldp_neighbors_detail(d):
    entries = lldp_detail_records(d.send("show lldp neighbors detail"))
    if not entries:
        return {}
    interfaces = []
    if not entries[0]["local_interface"]:
        brief = d.send("show lldp neighbors")
        interfaces = [line[20:].split()[0] for line in brief.splitlines()[1:] if len(line) > 20 and line[20:].strip()]
    lldp = {}
    for idx, entry in enumerate(entries):
        local = entry.pop("local_interface") or interfaces[idx]
        entry["remote_chassis_id"] = mac(entry["remote_chassis_id"]) if RE_MAC.match(entry["remote_chassis_id"]) else entry["remote_chassis_id"]
        for field in entry:
            if "not advertised" in entry[field]:
                entry[field] = ""
        entry["parent_interface"] = ""
        for field in ("remote_system_capab", "remote_system_enable_capab"):
            caps = entry[field]
            entry[field] = sorted(LLDP_CAPAB[c.strip()] for c in caps.strip().lower().split(",")) if caps else []
        lldp.setdefault(canonical(local), []).append(entry)
    return lldp


def get_lldp_neighbors(detail):
    return {intf: [{"port": e["remote_port"], "hostname": e["remote_system_name"]} for e in entries]
            for intf, entries in detail.items()}


def get_environment(d):
    env = {"cpu": {0: {"%usage": 0.0}}}
    for line in d.send("show proc cpu").splitlines():
        if "CPU utilization" in line:
            env["cpu"][0]["%usage"] = float(re.search(r"^.*one minute: (\d+)%; five.*$", line).group(1))
            break
    output = d.send("show memory statistics")
    if "Invalid input detected at" in output:
        raise ValueError("show memory statistics refused")
    for line in output.splitlines():
        if "Processor" in line:
            _, _, proc_total, proc_used, _ = line.split()[:5]
        elif "I/O" in line or "io" in line:
            _, _, io_total, io_used, _ = line.split()[:5]
    env["memory"] = {"used_ram": int(proc_used) + int(io_used), "available_ram": int(proc_total) + int(io_total)}
    output = d.send("show env temperature status")
    env["temperature"] = {}
    if "% Invalid" in output or "Not Supported" in output:
        env["temperature"]["invalid"] = {"is_alert": False, "is_critical": False, "temperature": -1.0}
    return env


def get_snmp_information(d):
    snmp = {"chassis_id": "unknown", "community": {}, "contact": "unknown", "location": "unknown"}
    for line in d.send("show run | include snmp-server").splitlines():
        fields = line.split()
        if "snmp-server community" in line:
            snmp["community"][fields[2]] = {"mode": fields[3].lower() if len(fields) > 3 else "N/A",
                                            "acl": fields[4] if len(fields) > 4 else "N/A"}
        elif "snmp-server location" in line:
            snmp["location"] = " ".join(fields[2:])
        elif "snmp-server contact" in line:
            snmp["contact"] = " ".join(fields[2:])
        elif "snmp-server chassis-id" in line:
            snmp["chassis_id"] = " ".join(fields[2:])
    if snmp["chassis_id"] == "unknown":
        snmp["chassis_id"] = d.send("show snmp chassis")
    return snmp


def get_users(d):
    username_regex = (r"^username\s+(?P<username>\S+)\s+(?:privilege\s+(?P<priv_level>\S+)"
                      r"\s+)?(?:(password|secret) \d+\s+(?P<pwd_hash>\S+))?$")
    output = d.send("show run | section username")
    if "Invalid input detected" in output:
        output = d.send("show run | include username")
    users = {}
    for m in re.finditer(username_regex, output, re.M):
        users[m.group("username")] = {"level": int(m.group("priv_level")) if m.group("priv_level") else 1,
                                      "password": m.group("pwd_hash") or "", "sshkeys": []}
    return users


def get_ntp_servers(d):
    servers = {}
    for line in d.send("show run | include ntp server").splitlines():
        split_line = line.split()
        servers[split_line[4] if split_line[2] == "vrf" else split_line[2]] = {}
    return servers


def get_vrfs(d):
    output = d.send("show vrf")
    vrfs = []
    if "% Invalid input detected" in output:
        output = d.send("show ip vrf")
        vrfs = [m.group(1) for m in (RE_VRF_SIMPLE.match(l) for l in output.split("\n")[1:]) if m]
    else:
        vrfs = [m.group(1) for m in (RE_VRF_ADVAN.match(l) for l in output.split("\n")[1:]) if m and "4" in m.group(2)]
    return vrfs


def get_route_to(d, destination):
    vrfs = sorted(get_vrfs(d)) + ["default"]
    net = ipaddress.ip_network(destination)
    prefix, netmask, routes = str(net.network_address), "", {}
    if "/" in destination:
        netmask = str(net.netmask)
        routes = {destination: []}
    outputs = []
    for vrf in vrfs:
        cmd = ("show ip route {} {}".format(prefix, netmask) if vrf == "default"
               else "show ip route vrf {} {} {}".format(vrf, prefix, netmask))
        outputs.append(d.send(cmd))
    for out, vrf in zip(outputs, vrfs):
        proto = RE_RP_FROM.search(out)
        if not proto:
            continue
        route_match = destination
        if netmask == "":
            m = RE_RP_ROUTE.search(out)
            if m:
                route_match = m.group(1)
                routes.setdefault(route_match, [])
        route_proto = proto.group(1)
        nh_line_found = False
        for rdbline in out.split("Routing Descriptor Blocks:")[1].split("\n"):
            m = RE_IP_ROUTE_VIA_REGEX.match(rdbline)
            if m:
                nh, via, nh_line_found = m.group("ip"), m.group("via") or "", True
                continue
            elif route_proto == "connected":
                m = RE_RP_VIA.search(rdbline)
                if m:
                    via, nh, nh_line_found = m.group(1), "", True
            m = RE_RP_METRIC.match(rdbline)
            if m and nh_line_found:
                routes[route_match].append({"protocol": route_proto, "outgoing_interface": canonical(via),
                                            "current_active": True, "routing_table": vrf, "next_hop": nh,
                                            "preference": int(m.group(1))})
                nh_line_found = False
    return routes


def ping(d, destination):
    output = d.send("ping {} timeout 2 size 100 repeat 5".format(destination))
    if "%" in output:
        return {"error": output}
    result = {"probes_sent": 0, "packet_loss": 0, "rtt_min": 0.0, "rtt_max": 0.0, "rtt_avg": 0.0, "results": []}
    for line in output.splitlines():
        if "Success rate is" in line:
            sent_received = re.search(r"\((\d*)/(\d*)\)", line)
            sent, received = int(sent_received.group(2)), int(sent_received.group(1))
            result.update(probes_sent=sent, packet_loss=sent - received)
            if "Success rate is 0 " in line:
                break
            mam = re.search(r"(\d*)/(\d*)/(\d*)", line)
            result.update(rtt_min=float(mam.group(1)), rtt_avg=float(mam.group(2)), rtt_max=float(mam.group(3)),
                          results=[{"ip_address": destination, "rtt": 0.0}] * received)
    return {"success": result}


def traceroute(d, destination):
    # NAPALM calls self.device.send_command directly here (no postprocessing), with defaults
    # ttl 255 and timeout 2 (napalm/base/constants.py).
    command = "traceroute {} ttl 0 255 timeout 2".format(destination)
    d.sent.append(command)
    output = d.conn.send_command(command)
    if re.search("Unrecognized host or address", output):
        return {"error": "unknown host {}".format(destination)}
    hops = {}
    starts = [m.start() for m in re.finditer(r"\n\s+[0-9]{1,3}\s", output)] + [len(output)]
    for start, stop in zip(starts, starts[1:]):
        words = re.sub(r" \[AS [0-9.]+\]", "", output[start:stop].replace(" msec", "msec")).split()
        hop = int(words.pop(0))
        probes, current, address = {1: {}, 2: {}, 3: {}}, 1, ""
        for word in words:
            if word == "*":
                current += 1
            elif "msec" in word:
                probes[current] = {"rtt": float(word.replace("msec", "")), "ip_address": address, "host_name": address}
                current += 1
            else:
                address = word
        hops[hop] = {"probes": probes}
    return {"success": hops}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--username", default="admin")
    parser.add_argument("--route-to", action="append", default=[])
    parser.add_argument("--ping", required=True)
    parser.add_argument("--traceroute", required=True)
    args = parser.parse_args()
    conn = ConnectHandler(device_type="cisco_ios", host="127.0.0.1", port=args.port, username=args.username,
                          password=os.environ["DEVICE_PASSWORD"], secret=os.environ["DEVICE_ENABLE_SECRET"])
    conn.enable()
    d = Driver(conn)
    getters = {
        "get_facts": lambda: get_facts(d),
        "get_interfaces": lambda: get_interfaces(d),
        "get_interfaces_ip": lambda: get_interfaces_ip(d),
        "get_arp_table": lambda: get_arp_table(d),
        "get_lldp_neighbors_detail": lambda: get_lldp_neighbors_detail(d),
        "get_lldp_neighbors": lambda: get_lldp_neighbors(get_lldp_neighbors_detail(d)),
        "get_environment": lambda: get_environment(d),
        "get_snmp_information": lambda: get_snmp_information(d),
        "get_users": lambda: get_users(d),
        "get_ntp_servers": lambda: get_ntp_servers(d),
        "ping": lambda: ping(d, args.ping),
        "traceroute": lambda: traceroute(d, args.traceroute),
        "cli": lambda: {c: d.send(c) for c in ["show clock", "show version | include uptime"]},
    }
    for destination in args.route_to:
        getters["get_route_to " + destination] = lambda dest=destination: get_route_to(d, dest)
    summary = {}
    for name, getter in getters.items():
        d.sent, d.refused = [], []
        try:
            summary[name] = {"result": getter()}
        except Exception as err:  # a parse that fails fails as NAPALM's would: the test says which
            summary[name] = {"error": "{}: {}".format(type(err).__name__, err)}
        summary[name]["commands"] = d.sent
        summary[name]["refused"] = d.refused
    conn.disconnect()
    json.dump(summary, sys.stdout, indent=1, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main())
