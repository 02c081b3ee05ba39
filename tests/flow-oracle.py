#!/usr/bin/env python3
"""Compares our flow_extract() with upstream's, packet by packet.

Reads lines "HEX KEYS" (from "ovstest flow-oracle N SEED") on standard
input.  For each packet, wraps it in an OpenFlow 1.0 packet-in, has the
peer's "ovs-ofctl ofp-print" print it (which shows the flow upstream
extracts), and checks that every key=value it prints has the same value in
KEYS.  Prints each difference and, at the end, "N packets, N differ";
exits 1 if any differ.

usage: flow-oracle.py OVS-OFCTL < lines
"""
import struct
import subprocess
import sys

# Upstream prints a protocol shorthand instead of dl_type and nw_proto.
SHORTHANDS = {
    "ip": {"dl_type": "0x0800"},
    "ipv6": {"dl_type": "0x86dd"},
    "tcp": {"dl_type": "0x0800", "nw_proto": "6"},
    "tcp6": {"dl_type": "0x86dd", "nw_proto": "6"},
    "udp": {"dl_type": "0x0800", "nw_proto": "17"},
    "udp6": {"dl_type": "0x86dd", "nw_proto": "17"},
    "sctp": {"dl_type": "0x0800", "nw_proto": "132"},
    "sctp6": {"dl_type": "0x86dd", "nw_proto": "132"},
    "icmp": {"dl_type": "0x0800", "nw_proto": "1"},
    "icmp6": {"dl_type": "0x86dd", "nw_proto": "58"},
    "arp": {"dl_type": "0x0806"},
    "rarp": {"dl_type": "0x8035"},
    "mpls": {"dl_type": "0x8847"},
    "mplsm": {"dl_type": "0x8848"},
}


def packet_in(data):
    header = struct.pack("!BBHIIHHBB", 1, 10, 18 + len(data), 0,
                         0xffffffff, len(data), 1, 0, 0)
    return (header + data).hex()


def upstream_keys(ofctl, data):
    out = subprocess.run([ofctl, "ofp-print", packet_in(data)],
                         capture_output=True, text=True, check=True)
    lines = out.stdout.splitlines()
    keys = {}
    if len(lines) < 2 or lines[1].startswith("0000"):
        return keys
    for token in lines[1].split(" ")[0].split(","):
        if "=" in token:
            k, v = token.split("=", 1)
            keys[k] = v
        elif token in SHORTHANDS:
            keys.update(SHORTHANDS[token])
        else:
            keys["?" + token] = ""
    return keys


def main():
    ofctl = sys.argv[1]
    n = differ = 0
    for line in sys.stdin:
        hexdata, _, ours_text = line.rstrip("\n").partition(" ")
        if not hexdata:
            continue
        ours = dict(kv.split("=", 1) for kv in ours_text.split(","))
        theirs = upstream_keys(ofctl, bytes.fromhex(hexdata))
        bad = ["%s: upstream %s, ours %s" % (k, v, ours.get(k))
               for k, v in sorted(theirs.items())
               if ours.get(k, "").lower() != v.lower()]
        n += 1
        if bad:
            differ += 1
            print("packet %s\n  %s" % (hexdata, "\n  ".join(bad)))
    print("%d packets, %d differ" % (n, differ))
    sys.exit(1 if differ or not n else 0)


if __name__ == "__main__":
    main()
