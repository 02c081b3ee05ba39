#!/usr/bin/env python3
"""Upstream's Python IDL against an OVSDB server: replicate the Test
database, insert a row, change it, delete it, and print what the replica
shows after each step.

usage: ovsdb-server-idl.py SOCKET SCHEMA-FILE"""

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


def main():
    remote = 'unix:' + sys.argv[1]
    helper = ovs.db.idl.SchemaHelper(sys.argv[2])
    helper.register_all()
    idl = ovs.db.idl.Idl(remote, helper)
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


main()
