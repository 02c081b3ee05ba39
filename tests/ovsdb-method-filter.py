#! /usr/bin/env python3
"""A JSON-RPC proxy for tests/ovsdb-idl.at that plays an older
ovsdb-server: it answers requests for the methods it is told to hide with
the error a server gives for a method it does not know, and passes
everything else between the client and the server.

usage: ovsdb-method-filter.py LISTEN-SOCKET SERVER-SOCKET METHOD,...

It serves one client connection at a time and runs until killed."""

import json
import os
import select
import socket
import sys


def split_messages(buf, decoder):
    """Returns the complete JSON messages at the start of BUF, with their
    text, and the rest of BUF."""
    msgs = []
    while True:
        text = buf.lstrip()
        if not text:
            return msgs, ""
        try:
            obj, end = decoder.raw_decode(text)
        except ValueError:
            return msgs, buf
        msgs.append((obj, text[:end]))
        buf = text[end:]


def serve(client, server_path, hidden):
    server = socket.socket(socket.AF_UNIX)
    server.connect(server_path)
    decoder = json.JSONDecoder()
    pending = ""
    try:
        while True:
            ready, _, _ = select.select([client, server], [], [])
            if server in ready:
                data = server.recv(65536)
                if not data:
                    return
                client.sendall(data)
            if client in ready:
                data = client.recv(65536)
                if not data:
                    return
                pending += data.decode()
                msgs, pending = split_messages(pending, decoder)
                for obj, text in msgs:
                    if (isinstance(obj, dict) and obj.get("method") in hidden
                            and obj.get("id") is not None):
                        reply = {"id": obj["id"], "error": "unknown method"}
                        client.sendall(json.dumps(reply).encode())
                    else:
                        server.sendall(text.encode())
    finally:
        server.close()
        client.close()


def main():
    listen_path, server_path, methods = sys.argv[1:4]
    hidden = set(methods.split(","))
    if os.path.exists(listen_path):
        os.unlink(listen_path)
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(listen_path)
    listener.listen(5)
    # Each client gets its own forwarding loop in a child process.
    while True:
        client, _ = listener.accept()
        pid = os.fork()
        if pid == 0:
            listener.close()
            serve(client, server_path, hidden)
            os._exit(0)
        client.close()


if __name__ == "__main__":
    main()
