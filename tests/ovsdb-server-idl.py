#!/usr/bin/env python3
"""Upstream's Python IDL against an OVSDB server.

usage: ovsdb-server-idl.py SOCKET SCHEMA-FILE
       ovsdb-server-idl.py --refs SOCKET SCHEMA-FILE RESTART-COMMAND

The first form replicates the Test database of tests/ovsdb-server.at,
inserts a row, changes it, deletes it, and prints what the replica shows
after each step.

The second form works on the "Idl" database of test_python_idl_full
(Parent rows with strong references to non-root Child rows and a weak
one): it inserts rows with references, drops a reference (the child is
garbage-collected and the weak reference goes with it), narrows the
replica with a condition and widens it again, runs RESTART-COMMAND (which
restarts the server and changes the database meanwhile) and waits until
the replica, reconnected (with monitor_cond_since, which the IDL uses),
shows the change, and finally deletes everything.  It prints the replica
after each step, so that runs against two servers can be compared."""

import subprocess
import sys

import ovs.db.idl
import ovs.poller


def wait_until(idl, cond):
    for _ in range(1000):
        idl.run()
        if cond():
            return
        poller = ovs.poller.Poller()
        idl.wait(poller)
        poller.timer_wait(100)
        poller.block()
    sys.exit("timed out")


def commit(idl, change):
    while True:
        wait_until(idl, lambda: idl.has_ever_connected())
        txn = ovs.db.idl.Transaction(idl)
        change(txn)
        status = txn.commit_block()
        if status != ovs.db.idl.Transaction.TRY_AGAIN:
            return status


def show(idl, title):
    rows = sorted((r.name, r.i, sorted(r.s), sorted(r.m.items()))
                  for r in idl.tables['T'].rows.values())
    print('%s: %s' % (title, rows))


def simple(sock, schema):
    helper = ovs.db.idl.SchemaHelper(schema)
    helper.register_all()
    idl = ovs.db.idl.Idl('unix:' + sock, helper)
    wait_until(idl, lambda: idl.has_ever_connected())
    show(idl, 'initial')

    def insert(txn):
        row = txn.insert(idl.tables['T'])
        row.name = 'a'
        row.i = 1
        row.s = [3, 1, 2]
        row.m = {'k': 'v'}
    print('insert: %s' % commit(idl, insert))
    show(idl, 'after insert')

    def modify(txn):
        for row in idl.tables['T'].rows.values():
            row.i = 2
            row.s = [2, 4]
    print('modify: %s' % commit(idl, modify))
    show(idl, 'after modify')

    def delete(txn):
        for row in list(idl.tables['T'].rows.values()):
            row.delete()
    print('delete: %s' % commit(idl, delete))
    show(idl, 'after delete')
    idl.close()


def replica(idl):
    """The replica as text, without UUIDs."""
    parents = []
    for p in idl.tables['Parent'].rows.values():
        fav = p.fav[0].name if p.fav else None
        parents.append((p.name, p.i, sorted(p.s), sorted(p.m.items()),
                        sorted(k.name for k in p.kids), fav))
    children = [(c.name, c.n) for c in idl.tables['Child'].rows.values()]
    return 'parents %s children %s' % (sorted(parents), sorted(children))


def refs(sock, schema, restart):
    helper = ovs.db.idl.SchemaHelper(schema)
    helper.register_all()
    idl = ovs.db.idl.Idl('unix:' + sock, helper)
    wait_until(idl, lambda: idl.has_ever_connected())
    print('initial: %s' % replica(idl))

    def insert(txn):
        c1 = txn.insert(idl.tables['Child'])
        c1.name = 'c1'
        c1.n = 1
        c2 = txn.insert(idl.tables['Child'])
        c2.name = 'c2'
        c2.n = 2
        a = txn.insert(idl.tables['Parent'])
        a.name = 'a'
        a.i = 1
        a.s = [5, 4]
        a.m = {'k': 'v'}
        a.kids = [c1, c2]
        a.fav = [c1]
        b = txn.insert(idl.tables['Parent'])
        b.name = 'b'
        b.kids = [c2]
    print('insert: %s' % commit(idl, insert))
    print('after insert: %s' % replica(idl))

    def find(name):
        for p in idl.tables['Parent'].rows.values():
            if p.name == name:
                return p
        return None

    def drop_c1(txn):
        a = find('a')
        a.kids = [k for k in a.kids if k.name != 'c1']
        a.i = 2
        a.m = {'k': 'w', 'x': 'y'}
    print('drop reference: %s' % commit(idl, drop_c1))
    # c1 has no strong reference left: the server deletes it, and a's weak
    # reference to it with it.
    wait_until(idl, lambda: not find('a').fav)
    print('after drop: %s' % replica(idl))

    idl.cond_change('Parent', [['name', '==', 'b']])
    wait_until(idl, lambda: sorted(
        p.name for p in idl.tables['Parent'].rows.values()) == ['b'])
    print('condition name==b: %s' % replica(idl))
    idl.cond_change('Parent', [True])
    wait_until(idl, lambda: len(idl.tables['Parent'].rows) == 2)
    print('condition true: %s' % replica(idl))

    # The server restarts and the database changes meanwhile; the IDL
    # reconnects and catches up.
    subprocess.run(restart, shell=True, check=True)
    wait_until(idl, lambda: find('offline') is not None)
    print('after restart: %s' % replica(idl))

    def increment(txn):
        b = find('b')
        b.i = b.i + 10
    print('modify after restart: %s' % commit(idl, increment))
    print('after modify: %s' % replica(idl))

    def delete_all(txn):
        for p in list(idl.tables['Parent'].rows.values()):
            p.delete()
    print('delete: %s' % commit(idl, delete_all))
    wait_until(idl, lambda: not idl.tables['Child'].rows)
    print('after delete: %s' % replica(idl))
    idl.close()


def main():
    if sys.argv[1] == '--refs':
        refs(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        simple(sys.argv[1], sys.argv[2])


main()
