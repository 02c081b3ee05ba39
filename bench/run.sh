#!/bin/bash
# Runs every side-by-side benchmark (bench/*.sh other than this file and
# lib.sh), or those named on the command line, each printing its table.
#
# usage: bench/run.sh [NAME...]    e.g. bench/run.sh json ovsdb
#   BUILDDIR: build directory with our programs (default: _build).
#   Benchmarks: forward (switching between namespaces: ours, upstream,
#   a Linux bridge, a veth pair; root), json (lib/json against Python's
#   json), netdev (our AF_PACKET netdev forwarding veth to veth; root),
#   ovsdb (ovsdb-server against upstream's: transactions, fan-out,
#   loading, memory), vsctl (ovs-vsctl and ovsdb-server against
#   upstream's).
set -e
srcdir=$(cd "$(dirname "$0")/.." && pwd)
export BENCH_TMP=${BENCH_TMP:-$(mktemp -d)}
trap 'rm -rf "$BENCH_TMP"' EXIT

if [ $# -gt 0 ]; then
    names=("$@")
else
    names=()
    for f in "$srcdir"/bench/*.sh; do
        case $(basename "$f") in run.sh|lib.sh) continue ;; esac
        names+=("$(basename "$f" .sh)")
    done
fi
status=0
for name in "${names[@]}"; do
    echo "=== $name"
    bash "$srcdir/bench/$name.sh" || status=1
    echo
done
exit $status
