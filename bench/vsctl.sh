#!/bin/bash
# ovs-vsctl, ours against upstream's, side by side in one run: each side is
# its own ovs-vsctl talking to its own ovsdb-server (our tool with our
# server, the peer's with the peer's), on a fresh database made from
# vswitchd/vswitch.ovsschema, always with --no-wait.  Measured:
#
#   - adding N ports to one bridge, one ovs-vsctl invocation each;
#   - adding N ports to another bridge in one invocation (one transaction,
#     commands joined with "--");
#   - "ovs-vsctl show" on the database that now holds 2N ports (best of
#     several runs).
#
# Times are wall-clock; the ratio is peer/ours, so above 1.00 means we
# are faster.
#
# usage: bench/vsctl.sh     (BUILDDIR: build directory, default _build)
# Environment:
#   VSCTL_BENCH_PORTS      N (default 1000)
#   VSCTL_BENCH_SHOW_RUNS  runs of "show" per side, best counts (default 5)
set -e
srcdir=$(cd "$(dirname "$0")/.." && pwd)
own_tmp=${BENCH_TMP:-yes}
. "$srcdir/bench/lib.sh"
[ "$own_tmp" = yes ] && own_tmp=$BENCH_TMP || own_tmp=

n_ports=${VSCTL_BENCH_PORTS:-1000}
show_runs=${VSCTL_BENCH_SHOW_RUNS:-5}
schema=$srcdir/vswitchd/vswitch.ovsschema

declare -A server tool vsctl
server[ours]=$BUILDDIR/ovsdb/ovsdb-server
tool[ours]=$BUILDDIR/ovsdb/ovsdb-tool
vsctl[ours]=$BUILDDIR/utilities/ovs-vsctl
server[peer]=$srcdir/peer/usr/sbin/ovsdb-server
tool[peer]=$srcdir/peer/usr/bin/ovsdb-tool
vsctl[peer]=$srcdir/peer/usr/bin/ovs-vsctl
for side in ours peer; do
    for prog in "${server[$side]}" "${tool[$side]}" "${vsctl[$side]}"; do
        [ -x "$prog" ] || { echo "$prog not found" >&2; exit 1; }
    done
done

work=$BENCH_TMP/vsctl
rm -rf "$work"
mkdir -p "$work"

started=()
cleanup() {
    local pid
    for pid in "${started[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    rm -rf "$work" $own_tmp
}
trap cleanup EXIT

declare -A R

# now_ms: wall-clock milliseconds.
now_ms() {
    date +%s%3N
}

# bench_side SIDE: runs every measurement for SIDE into R[SIDE.*].
bench_side() {
    local side=$1 dir=$work/$1 t0 t1 i best
    mkdir -p "$dir"
    "${tool[$side]}" create "$dir/conf.db" "$schema"
    "${server[$side]}" "$dir/conf.db" --remote=punix:"$dir/db.sock" \
        --pidfile="$dir/ovsdb-server.pid" --unixctl="$dir/ovsdb-server.ctl" \
        --log-file="$dir/ovsdb-server.log" --detach --no-chdir
    started+=("$(cat "$dir/ovsdb-server.pid")")
    local vs=("${vsctl[$side]}" --no-wait --db=unix:"$dir/db.sock")
    export OVS_RUNDIR=$dir

    "${vs[@]}" init -- add-br br0 -- add-br br1

    t0=$(now_ms)
    for i in $(seq "$n_ports"); do
        "${vs[@]}" add-port br0 p$i
    done
    t1=$(now_ms)
    R[$side.single]=$(( t1 - t0 ))

    local args=()
    for i in $(seq "$n_ports"); do
        args+=(-- add-port br1 q$i)
    done
    t0=$(now_ms)
    "${vs[@]}" "${args[@]}"
    t1=$(now_ms)
    R[$side.one_txn]=$(( t1 - t0 ))

    best=
    for i in $(seq "$show_runs"); do
        t0=$(now_ms)
        "${vs[@]}" show > "$dir/show.out"
        t1=$(now_ms)
        if [ -z "$best" ] || [ $(( t1 - t0 )) -lt "$best" ]; then
            best=$(( t1 - t0 ))
        fi
    done
    R[$side.show]=$best
    local shown
    shown=$(grep -c '^        Port ' "$dir/show.out")
    if [ "$shown" -ne $(( 2 * n_ports + 2 )) ]; then
        echo "$side: show printed $shown ports" >&2
        exit 1
    fi

    kill "$(cat "$dir/ovsdb-server.pid")" 2>/dev/null || true
}

bench_side ours
bench_side peer

bench_header
bench_row_lower "add-port x$n_ports, one call each" \
    "${R[ours.single]}" "${R[peer.single]}" ms
bench_row_lower "add-port x$n_ports, one transaction" \
    "${R[ours.one_txn]}" "${R[peer.one_txn]}" ms
bench_row_lower "show, $(( 2 * n_ports )) ports" \
    "${R[ours.show]}" "${R[peer.show]}" ms
