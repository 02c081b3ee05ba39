#!/usr/bin/env python3
"""Writes a standalone OVSDB database file of about SIZE_MB megabytes.

The file is written directly in the on-disk log format (see ovsdb/log.h):
each record is a header line "OVSDB JSON <length> <sha1>\\n" followed by
its body, one line of compact JSON ending in "\\n", where <length> and the
hex SHA-1 both cover the whole body, newline included.  The first record
is SCHEMA; each later one a transaction that inserts ROWS_PER_TX rows
into the schema's first table (bench/ovsdb-bench.ovsschema's "Item"),
{"Item": {"<uuid>": {"seq": N, ...}, ...}, "_date": <ms>}, with "seq"
running from 0.  Output is deterministic.  Prints the number of rows.

usage: gen-ovsdb-db.py SCHEMA OUTPUT [SIZE_MB [ROWS_PER_TX]]
"""
import hashlib
import json
import random
import sys
import uuid

rng = random.Random(54321)


def write_record(out, value):
    body = json.dumps(value, separators=(",", ":")).encode() + b"\n"
    out.write(b"OVSDB JSON %d %s\n" % (len(body),
                                      hashlib.sha1(body).hexdigest().encode()))
    out.write(body)
    return len(body)


def row(seq):
    return {
        "seq": seq,
        "name": "item-%08d" % seq,
        "value": rng.randint(0, 1 << 30) / 16.0,
        "enabled": seq % 3 != 0,
        "tags": ["map", [["owner", "tenant-%d" % (seq % 97)],
                         ["zone", "z%d" % (seq % 7)],
                         ["note", "".join(rng.choice("abcdefghij")
                                          for _ in range(12))]]],
        "ports": ["set", sorted(rng.sample(range(1, 65536), 3))],
    }


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    schema = json.load(open(sys.argv[1]))
    table = next(iter(schema["tables"]))
    size = int(float(sys.argv[3]) * 1e6) if len(sys.argv) > 3 else 100000000
    per_tx = int(sys.argv[4]) if len(sys.argv) > 4 else 100
    date = 1700000000000
    seq = 0
    with open(sys.argv[2], "wb") as out:
        written = write_record(out, schema)
        while written < size:
            rows = {}
            for _ in range(per_tx):
                rows[str(uuid.UUID(int=rng.getrandbits(128), version=4))] = \
                    row(seq)
                seq += 1
            date += 1
            written += write_record(out, {table: rows, "_date": date})
    print(seq)


main()
