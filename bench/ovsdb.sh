#!/bin/bash
# ovsdb-server, ours against upstream's, side by side in one run: insert
# transaction rates and latencies (bench/ovsdb-load), update fan-out to 100
# monitors, the same with durable commits, the time to load a 100 MB database file (bench/gen-ovsdb-db.py)
# until the server answers a query, and resident memory (VmRSS) at start,
# after the loads and with the big database.  Each server gets its own
# database file, created by its own ovsdb-tool from
# bench/ovsdb-bench.ovsschema, and its own run directory.
#
# Durability: our server acknowledges a commit only once it is on disk
# (written and fdatasync()ed, one sync per round for all the commits of
# the round); upstream's syncs only for a transaction that ends with
# {"op": "commit", "durable": true}.  The plain rows compare our durable
# commits with upstream's default ones; the "(durable)" rows ask both
# servers for durable commits (ovsdb-load --durable), the comparison at
# equal durability.  A side whose
# programs are missing (ours, until they are built) shows "n/a".
#
# usage: bench/ovsdb.sh     (BUILDDIR: build directory, default _build;
#                            needs "make bench/ovsdb-load")
# Environment:
#   OVSDB_BENCH_SECONDS    length of each insert run (default 5)
#   OVSDB_BENCH_FANOUT_TX  transactions in the fan-out run (default 1000;
#                          each fan-out run may take up to 300 s: setting
#                          up 100 monitors on upstream's server, which
#                          evaluates each one's condition over every row
#                          after the insert runs, took over 60 s on a
#                          loaded machine)
#   OVSDB_BENCH_DB_MB      size of the big database (default 100)
#   OVSDB_BENCH_LOAD_RUNS  loads of the big database per side, best
#                          counts (default 2)
#   OURS_OVSDB_SERVER, OURS_OVSDB_TOOL: our programs (default
#       $BUILDDIR/ovsdb/ovsdb-server and ovsdb-tool)
#   PEER_OVSDB_SERVER, PEER_OVSDB_TOOL, PEER_OVSDB_CLIENT: upstream's
#       (default under peer/; its ovsdb-client checks both big loads)
set -e
srcdir=$(cd "$(dirname "$0")/.." && pwd)
own_tmp=${BENCH_TMP:-yes}
. "$srcdir/bench/lib.sh"
[ "$own_tmp" = yes ] && own_tmp=$BENCH_TMP || own_tmp=

seconds=${OVSDB_BENCH_SECONDS:-5}
fanout_tx=${OVSDB_BENCH_FANOUT_TX:-1000}
db_mb=${OVSDB_BENCH_DB_MB:-100}
load_runs=${OVSDB_BENCH_LOAD_RUNS:-2}
python=python3

load=$BUILDDIR/bench/ovsdb-load
[ -x "$load" ] || { echo "build $load first" >&2; exit 1; }
schema=$srcdir/bench/ovsdb-bench.ovsschema

declare -A server tool
server[ours]=${OURS_OVSDB_SERVER:-$BUILDDIR/ovsdb/ovsdb-server}
tool[ours]=${OURS_OVSDB_TOOL:-$BUILDDIR/ovsdb/ovsdb-tool}
server[peer]=${PEER_OVSDB_SERVER:-$srcdir/peer/usr/sbin/ovsdb-server}
tool[peer]=${PEER_OVSDB_TOOL:-$srcdir/peer/usr/bin/ovsdb-tool}
client=${PEER_OVSDB_CLIENT:-$srcdir/peer/usr/bin/ovsdb-client}
if [ ! -x "${server[peer]}" ] || [ ! -x "${tool[peer]}" ] \
   || [ ! -x "$client" ]; then
    echo "upstream's ovsdb-server, ovsdb-tool or ovsdb-client not found under" \
         "$srcdir/peer (see tests/get-peer.sh)" >&2
    exit 1
fi

work=$BENCH_TMP/ovsdb
rm -rf "$work"
mkdir -p "$work"

# Servers this script started and has not stopped yet, by pid.
started=()
cleanup() {
    local pid
    for pid in "${started[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    rm -rf "$work" $own_tmp
}
trap cleanup EXIT

# Results, by "SIDE.metric"; a missing entry prints as n/a.
declare -A R

note() {
    echo "note: $*" >&2
}

# start_server SIDE DB TIMEOUT: starts SIDE's server on DB in a private run
# directory and waits until it answers a query.  Sets $server_pid and
# $remote.  Returns nonzero (with the server stopped) on failure.
start_server() {
    local side=$1 db=$2 timeout=$3 dir=$work/$1
    mkdir -p "$dir"
    remote=unix:$dir/db.sock
    rm -f "$dir/db.sock"
    OVS_RUNDIR=$dir OVS_DBDIR=$dir OVS_LOGDIR=$dir OVS_SYSCONFDIR=$dir \
        "${server[$side]}" --remote="p$remote" "$db" \
        >> "$dir/server.log" 2>&1 &
    server_pid=$!
    started+=("$server_pid")
    if ! "$load" --timeout="$timeout" ready "$remote" 2>> "$dir/errors"; then
        note "$side: ovsdb-server did not answer (log: $dir/server.log)"
        stop_server
        return 1
    fi
}

stop_server() {
    local pid
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    for pid in "${!started[@]}"; do
        if [ "${started[$pid]}" = "$server_pid" ]; then
            unset 'started[$pid]'
        fi
    done
}

# Resident memory of the running server in MB.
rss_mb() {
    awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$server_pid/status"
}

# kv KEY TEXT: the value of KEY=VALUE in TEXT (ovsdb-load's output).
kv() {
    echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"
}

# load_run SIDE ARGS...: runs ovsdb-load ARGS against SIDE's server and
# prints its output line; prints nothing if it failed.
load_run() {
    local side=$1
    shift
    "$load" "$@" "$remote" 2>> "$work/$side/errors" || {
        note "$side: ovsdb-load $* failed: $(tail -n 1 "$work/$side/errors")"
    }
}

# The small-transaction benchmarks, on a fresh database.
bench_transactions() {
    local side=$1 db=$work/$1/bench.db out
    mkdir -p "$work/$side"
    if ! "${tool[$side]}" create "$db" "$schema" \
            2>> "$work/$side/errors"; then
        note "$side: ovsdb-tool create failed"
        return
    fi
    start_server "$side" "$db" 60 || return 0
    R[$side.rss_start]=$(rss_mb)

    out=$(load_run "$side" --duration="$seconds" insert)
    R[$side.seq_tps]=$(kv tx_per_s "$out")
    R[$side.seq_p50]=$(kv p50_us "$out")
    R[$side.seq_p99]=$(kv p99_us "$out")

    out=$(load_run "$side" --duration="$seconds" --clients=8 \
          --seq-start=100000000 insert)
    R[$side.c8_tps]=$(kv tx_per_s "$out")
    R[$side.c8_p50]=$(kv p50_us "$out")

    out=$(load_run "$side" --duration="$seconds" --in-flight=64 \
          --seq-start=200000000 insert)
    R[$side.if64_tps]=$(kv tx_per_s "$out")

    out=$(load_run "$side" --transactions="$fanout_tx" --monitors=100 \
          --timeout=300 --seq-start=300000000 fanout)
    R[$side.fan_tps]=$(kv tx_per_s "$out")
    R[$side.fan_p50]=$(kv p50_us "$out")
    R[$side.fan_p99]=$(kv p99_us "$out")

    out=$(load_run "$side" --durable --duration="$seconds" \
          --seq-start=400000000 insert)
    R[$side.dseq_tps]=$(kv tx_per_s "$out")
    R[$side.dseq_p50]=$(kv p50_us "$out")

    out=$(load_run "$side" --durable --duration="$seconds" --clients=8 \
          --seq-start=500000000 insert)
    R[$side.dc8_tps]=$(kv tx_per_s "$out")

    out=$(load_run "$side" --durable --duration="$seconds" \
          --in-flight=64 --seq-start=600000000 insert)
    R[$side.dif64_tps]=$(kv tx_per_s "$out")

    out=$(load_run "$side" --durable --transactions="$fanout_tx" \
          --monitors=100 --timeout=300 --seq-start=700000000 fanout)
    R[$side.dfan_tps]=$(kv tx_per_s "$out")

    R[$side.rss_loaded]=$(rss_mb)
    stop_server
}

# One load of the big database: the time from starting the server until it
# answers a query, and its memory then.  Also checks that the last row of
# the file was loaded.
bench_big_load() {
    local side=$1 db=$work/$1/big.db t0 t1 secs reply
    mkdir -p "$work/$side"
    cp "$bigdb" "$db"
    rm -f "$work/$side/.big.db.~lock~"
    t0=$(date +%s%N)
    start_server "$side" "$db" 600 || return 0
    t1=$(date +%s%N)
    secs=$(awk -v ns=$((t1 - t0)) 'BEGIN { printf "%.3f", ns / 1e9 }')
    reply=$("$client" transact "$remote" \
        '["Bench",{"op":"select","table":"Item",
                   "where":[["seq","==",'$((bigrows - 1))']],
                   "columns":["seq"]}]' 2>&1 || true)
    if [[ $reply != *"\"seq\":$((bigrows - 1))"* ]]; then
        note "$side: last row of the big database missing: $reply"
    elif [ -z "${R[$side.big_load]}" ] \
         || awk -v a="$secs" -v b="${R[$side.big_load]}" \
                'BEGIN { exit !(a < b) }'; then
        R[$side.big_load]=$secs
        R[$side.big_rss]=$(rss_mb)
    fi
    stop_server
    rm -f "$db"
}

# The disk's sync latency, which bounds the rate of durable commits.
sync_out=$("$load" --transactions=300 sync "$work/sync-probe" 2>&1 || true)

sides=(peer)
if [ -x "${server[ours]}" ] && [ -x "${tool[ours]}" ]; then
    sides+=(ours)
else
    note "our ovsdb-server or ovsdb-tool is not built" \
         "(${server[ours]}): n/a"
fi

for side in "${sides[@]}"; do
    bench_transactions "$side"
done

bigdb=$BENCH_TMP/ovsdb-bench-$db_mb.db
if [ ! -s "$bigdb" ] || [ ! -s "$bigdb.rows" ]; then
    "$python" "$srcdir/bench/gen-ovsdb-db.py" "$schema" "$bigdb" "$db_mb" \
        > "$bigdb.rows"
fi
bigrows=$(cat "$bigdb.rows")
bigmb=$(awk -v n="$(wc -c < "$bigdb")" 'BEGIN { printf "%.0f", n / 1e6 }')
for run in $(seq "$load_runs"); do
    for side in "${sides[@]}"; do
        bench_big_load "$side"
    done
done

echo "ovsdb-server vs upstream's (peer), same machine and run:" \
     "$seconds s per insert run, $fanout_tx fan-out transactions,"
echo "a $bigmb MB database of $bigrows rows loaded best of $load_runs"
echo "disk: append + fdatasync of 300 bytes, p50 $(kv p50_us "$sync_out") us," \
     "p99 $(kv p99_us "$sync_out") us (300 syncs in $work)"
bench_header
r() { echo "${R[ours.$1]:-n/a} ${R[peer.$1]:-n/a}"; }
row() { local f=$1 name=$2 key=$3 unit=$4; $f "$name" $(r "$key") "$unit"; }
row bench_row_lower "RSS at start" rss_start MB
row bench_row "sequential insert" seq_tps tx/s
row bench_row_lower "sequential insert p50" seq_p50 us
row bench_row_lower "sequential insert p99" seq_p99 us
row bench_row "8 clients insert" c8_tps tx/s
row bench_row_lower "8 clients insert p50" c8_p50 us
row bench_row "64 in flight insert" if64_tps tx/s
row bench_row "fan-out to 100 monitors" fan_tps tx/s
row bench_row_lower "fan-out latency p50" fan_p50 us
row bench_row_lower "fan-out latency p99" fan_p99 us
row bench_row "sequential insert (durable)" dseq_tps tx/s
row bench_row_lower "sequential p50 (durable)" dseq_p50 us
row bench_row "8 clients insert (durable)" dc8_tps tx/s
row bench_row "64 in flight insert (durable)" dif64_tps tx/s
row bench_row "fan-out (durable)" dfan_tps tx/s
row bench_row_lower "RSS after the loads" rss_loaded MB
row bench_row_lower "load $bigmb MB database" big_load s
row bench_row_lower "RSS with $bigmb MB database" big_rss MB
