#!/usr/bin/env python3
"""Drives an OVSDB server over several Unix socket connections.

usage: ovsdb-server-rpc.py SOCKET < SCRIPT

Each SCRIPT line is "NAME MESSAGE": NAME names a connection (opened on first
use), MESSAGE is sent as is (JSON, or any bytes), or is the word "close".
After a request (a message with a non-null "id") the script waits for the
reply on that connection; then it collects what else arrives on any
connection within a short while.  Every message received is printed as
"NAME: JSON" with sorted keys, UUIDs replaced by <N> in order of first
appearance, and "NAME: EOF" when a connection is closed by the server.
"sleep SECONDS" pauses; "shell COMMAND" runs COMMAND with /bin/sh and
then collects what arrives.  Lines starting with "#" are comments."""

import json
import re
import select
import socket
import subprocess
import sys
import time

UUID_RE = re.compile(r'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-'
                     r'[0-9a-f]{12}')
uuids = {}


def canon(obj):
    """Puts objects keyed by UUIDs (row updates) in an order that does not
    depend on the random UUIDs: by their contents with UUIDs blanked."""
    if isinstance(obj, dict):
        items = [(k, canon(v)) for k, v in obj.items()]
        if items and all(UUID_RE.fullmatch(k) for k, _ in items):
            items.sort(key=lambda kv: UUID_RE.sub(
                'U', json.dumps(kv[1], sort_keys=True)))
            return {'rows in order': [[k, v] for k, v in items]}
        return dict(items)
    if isinstance(obj, list):
        return [canon(x) for x in obj]
    return obj


def norm(text):
    def sub(m):
        u = m.group(0)
        if u == '00000000-0000-0000-0000-000000000000':
            return '<zero>'
        if u not in uuids:
            uuids[u] = '<%d>' % len(uuids)
        return uuids[u]
    return UUID_RE.sub(sub, text)


class Conn:
    def __init__(self, name, path):
        self.name = name
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.connect(path)
        self.buf = ''
        self.eof = False
        self.msgs = []

    def pump(self, timeout):
        """Reads what arrives within TIMEOUT seconds; parses messages."""
        if self.eof:
            return
        r, _, _ = select.select([self.sock], [], [], timeout)
        if not r:
            return
        data = self.sock.recv(1 << 20)
        if not data:
            self.eof = True
            self.msgs.append(None)
            return
        self.buf += data.decode()
        dec = json.JSONDecoder()
        while True:
            s = self.buf.lstrip()
            if not s:
                self.buf = ''
                break
            try:
                obj, n = dec.raw_decode(s)
            except ValueError:
                self.buf = s
                break
            self.msgs.append(obj)
            self.buf = s[n:]

    def flush(self):
        for m in self.msgs:
            if m is None:
                print('%s: EOF' % self.name)
            else:
                print('%s: %s' % (self.name,
                                  norm(json.dumps(canon(m),
                                                   sort_keys=True))))
        self.msgs = []


def main():
    path = sys.argv[1]
    conns = {}
    for line in sys.stdin:
        line = line.strip()
        if not line or line.startswith('#'):
            continue
        name, msg = line.split(' ', 1)
        if name == 'sleep':
            time.sleep(float(msg))
            continue
        if name == 'shell':
            subprocess.run(msg, shell=True, check=False)
            end = time.time() + 0.3
            while time.time() < end:
                for other in list(conns.values()):
                    other.pump(0.01)
            for other in sorted(conns):
                conns[other].flush()
            continue
        if name not in conns:
            conns[name] = Conn(name, path)
        c = conns[name]
        if msg == 'close':
            c.sock.close()
            del conns[name]
            time.sleep(0.2)
            continue
        c.sock.sendall(msg.encode())
        want = None
        try:
            j = json.loads(msg)
            if isinstance(j, dict) and j.get('id') is not None \
                    and 'method' in j:
                want = j['id']
        except ValueError:
            pass
        deadline = time.time() + 5
        while want is not None and time.time() < deadline and not c.eof:
            if any(m is not None and m.get('id') == want
                   and 'method' not in m for m in c.msgs):
                break
            c.pump(0.05)
        end = time.time() + 0.15
        while time.time() < end:
            for other in list(conns.values()):
                other.pump(0.01)
        c.flush()
        for other in sorted(conns):
            conns[other].flush()


main()
