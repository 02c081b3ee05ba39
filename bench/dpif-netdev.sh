#!/bin/bash
# Packets per second forwarded veth -> veth by the userspace datapath
# through one flow added with dpctl (ours: "ovstest test-dpif-daemon" with
# datapath netdev@ovs-netdev; peer: upstream's ovs-vswitchd with a bridge
# of datapath_type=netdev, the same two "system" ports and an OpenFlow
# flow in_port=1,actions=2, whose megaflow then carries the traffic).
#
# Topology, each side in a namespace of its own:
#   gen (netdev-bench gen g0) g0 == f0 [datapath] f1 == s0
#   (netdev-bench sink s0)
# 64-byte frames, EtherType 0x88b5.  Needs root.
#
# usage: bench/dpif-netdev.sh [SECONDS]  (BUILDDIR: build directory,
#                                          default _build)
set -e
srcdir=$(cd "$(dirname "$0")/.." && pwd)
. "$srcdir/bench/lib.sh"
secs=${1:-5}
bench=$BUILDDIR/bench/netdev-bench
ovstest=$BUILDDIR/tests/ovstest
appctl=$BUILDDIR/utilities/ovs-appctl
peer=$srcdir/peer/usr
[ -x "$bench" ] && [ -x "$ovstest" ] || { echo "build first" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "needs root (network namespaces)" >&2; exit 1; }

tag=db-$$
G=$tag-g F=$tag-f S=$tag-s
out=$BENCH_TMP/dpif-netdev
mkdir -p "$out"
cleanup() {
    kill $(cat "$out"/*.pid 2>/dev/null) 2>/dev/null || true
    for ns in $G $F $S; do ip netns del "$ns" 2>/dev/null || true; done
}
trap cleanup EXIT

setup() {
    for ns in $G $F $S; do
        ip netns del "$ns" 2>/dev/null || true
        ip netns add "$ns"
        ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
        ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
    done
    ip -n $G link add g0 type veth peer name f0 netns $F
    ip -n $F link add f1 type veth peer name s0 netns $S
    ip -n $G link set g0 up
    ip -n $F link set f0 up
    ip -n $F link set f1 up
    ip -n $S link set s0 up
}

# measure NAME: runs the generator and the sink, prints the sink's pps.
measure() {
    ip netns exec $S "$bench" sink s0 "$secs" > "$out/$1.sink" &
    local sink=$!
    sleep 0.5
    ip netns exec $G "$bench" gen g0 $((secs + 1)) > "$out/$1.gen"
    wait $sink
    sed -n 's/.* pps=\([^ ]*\).*/\1/p' "$out/$1.sink"
}

# Ours.
setup
ip netns exec $F "$ovstest" test-dpif-daemon "$out/ours.ctl" \
    netdev@ovs-netdev f0 f1 > "$out/ours.log" 2>&1 &
echo $! > "$out/ours.pid"
for i in $(seq 50); do [ -S "$out/ours.ctl" ] && break; sleep 0.1; done
"$appctl" -t "$out/ours.ctl" test/upcall-policy drop
"$appctl" -t "$out/ours.ctl" dpctl/add-flow \
    "in_port(1),eth(),eth_type(0x88b5)" 2
ours_pps=$(measure ours)
ours_flow=$("$appctl" -t "$out/ours.ctl" dpctl/dump-flows | tail -1)
kill "$(cat "$out/ours.pid")"; rm -f "$out/ours.pid"

# Upstream's.
peer_pps=n/a
if [ -x "$peer/lib/openvswitch-switch/ovs-vswitchd" ]; then
    setup
    d=$out/peer
    rm -rf "$d"; mkdir -p "$d"
    (
        export OVS_RUNDIR=$d OVS_DBDIR=$d OVS_LOGDIR=$d OVS_SYSCONFDIR=$d \
               OVS_PKGDATADIR=$peer/share/openvswitch
        "$peer/bin/ovsdb-tool" create "$d/conf.db" \
            "$peer/share/openvswitch/vswitch.ovsschema"
        ip netns exec $F "$peer/sbin/ovsdb-server" \
            --remote=punix:"$d/db.sock" --pidfile="$out/peerdb.pid" \
            --detach --log-file "$d/conf.db"
        ip netns exec $F "$peer/lib/openvswitch-switch/ovs-vswitchd" \
            --disable-system --pidfile="$out/peer.pid" --detach \
            --log-file unix:"$d/db.sock" 2>/dev/null
        "$peer/bin/ovs-vsctl" --db=unix:"$d/db.sock" add-br br0 \
            -- set bridge br0 datapath_type=netdev fail-mode=secure \
            -- add-port br0 f0 -- set interface f0 ofport_request=1 \
            -- add-port br0 f1 -- set interface f1 ofport_request=2
        "$peer/bin/ovs-ofctl" add-flow unix:"$d/br0.mgmt" \
            in_port=1,actions=output:2
    )
    peer_pps=$(measure peer)
fi

bench_header
bench_row "veth->veth via one flow" "$ours_pps" "$peer_pps" pps
echo "our flow: $ours_flow"
