#!/usr/bin/env python3
"""Writes an OVSDB-like JSON document of about SIZE_MB megabytes to stdout.

The shape is that of an ovsdb-server monitor reply or a database file
record: {"Table": {"<uuid>": {"column": value, ...}, ...}, ...}, with the
value forms RFC 7047 uses: strings, integers, reals, booleans, ["uuid", ...],
["set", [...]] and ["map", [[k, v], ...]].  Output is deterministic.

usage: gen-ovsdb-dump.py [SIZE_MB]
"""
import json
import random
import sys
import uuid

rng = random.Random(12345)


def u():
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def word():
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz-_0123456789")
                   for _ in range(rng.randint(3, 14)))


def interface_row(i):
    return {
        "name": "tap%05d" % i,
        "type": rng.choice(["", "internal", "geneve", "vxlan", "patch"]),
        "ofport": rng.randint(1, 65000),
        "mtu": 1500,
        "admin_state": rng.choice(["up", "down"]),
        "link_speed": rng.choice([10000000000, 1000000000, 25000000000]),
        "mac_in_use": "%02x:%02x:%02x:%02x:%02x:%02x" % tuple(
            rng.getrandbits(8) for _ in range(6)),
        "external_ids": ["map", [[word(), word()]
                                 for _ in range(rng.randint(1, 5))]
                         + [["iface-id", u()]]],
        "options": ["map", [["remote_ip", "10.%d.%d.%d" % (
            rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254))],
            ["key", "flow"]]],
        "statistics": ["map", [[k, rng.getrandbits(40)] for k in (
            "collisions", "rx_bytes", "rx_crc_err", "rx_dropped",
            "rx_errors", "rx_packets", "tx_bytes", "tx_dropped",
            "tx_errors", "tx_packets")]],
        "status": ["map", [["driver_name", "openvswitch"],
                           ["description", "a \"quoted\"\tvalue\n\u00e9"]]],
        "ingress_policing_rate": rng.randint(0, 10000),
        "bfd_status": ["map", []],
        "lacp_current": ["set", []],
        "cfm_health": ["set", [rng.randint(0, 100)]],
        "load": rng.random() * 100,
        "up": rng.random() < 0.5,
    }


def port_row(i, ifaces):
    return {
        "name": "tap%05d" % i,
        "interfaces": ["set", [["uuid", x] for x in ifaces]],
        "tag": rng.randint(1, 4094),
        "trunks": ["set", [rng.randint(1, 4094) for _ in range(
            rng.randint(0, 8))]],
        "vlan_mode": ["set", []],
        "other_config": ["map", [["priority-tags", "false"]]],
        "bond_updelay": 0,
        "qos_weight": round(rng.uniform(0, 10), 3),
    }


def main():
    size = float(sys.argv[1]) if len(sys.argv) > 1 else 50
    target = int(size * 1000000)
    tables = {"Interface": {}, "Port": {}}
    total = 0
    i = 0
    while total < target:
        iface = u()
        row = interface_row(i)
        tables["Interface"][iface] = {"new": row}
        prow = port_row(i, [iface])
        tables["Port"][u()] = {"new": prow}
        total += (len(json.dumps(row, separators=(",", ":")))
                  + len(json.dumps(prow, separators=(",", ":"))) + 90)
        i += 1
    json.dump(tables, sys.stdout, separators=(",", ":"), ensure_ascii=False)
    sys.stdout.write("\n")


main()
