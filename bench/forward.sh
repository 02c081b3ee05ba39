#!/bin/bash
# Forwarding between two network namespaces, in one run, through:
#   ours   - our ovs-vswitchd, datapath_type=netdev (our ovsdb-server and
#            ovs-vsctl configure it);
#   peer   - upstream 3.1's ovs-vswitchd, datapath_type=netdev (its own
#            ovsdb-server and ovs-vsctl);
#   bridge - a Linux bridge;
#   veth   - a bare veth pair between the namespaces (the ceiling).
# Each namespace has one veth; for the three bridged cases the other ends
# are ports of the bridge, which lives in a third namespace of its own
# (so the switches' internal tap devices never touch the host's).
# Offloads stay as the kernel sets them (on).
#
# Measured, per case: TCP Gbit/s (iperf3, 1 stream), UDP 64-byte frames
# received per second (iperf3 -u -l 18, unlimited rate), ping RTT p50 and
# p99, and for the two switches: their CPU seconds per million UDP packets
# received, CPU share during TCP, RSS, and new megaflows per second
# (frames with distinct source MACs sent as fast as possible, counted
# until the datapath holds a flow for each).  Ratios are ours against
# upstream's (above 1.00: we are better).
#
# usage: bench/forward.sh   (root; BUILDDIR: build directory, default _build)
# Environment:
#   FWD_SECONDS   seconds per iperf3 run (default 5)
#   FWD_FLOWS     distinct source MACs for the megaflow test (default 5000)
#   FWD_CASES     cases to run (default "ours peer bridge veth")
set -e
srcdir=$(cd "$(dirname "$0")/.." && pwd)
. "$srcdir/bench/lib.sh"

secs=${FWD_SECONDS:-5}
n_macs=${FWD_FLOWS:-5000}
cases=${FWD_CASES:-"ours peer bridge veth"}
[ "$(id -u)" = 0 ] || { echo "bench/forward.sh needs root" >&2; exit 1; }
for prog in iperf3 ping ip; do
    command -v $prog >/dev/null || { echo "$prog not found" >&2; exit 1; }
done

declare -A server tool vsctl vswitchd appctl
server[ours]=$BUILDDIR/ovsdb/ovsdb-server
tool[ours]=$BUILDDIR/ovsdb/ovsdb-tool
vsctl[ours]=$BUILDDIR/utilities/ovs-vsctl
appctl[ours]=$BUILDDIR/utilities/ovs-appctl
vswitchd[ours]=$BUILDDIR/vswitchd/ovs-vswitchd
server[peer]=$srcdir/peer/usr/sbin/ovsdb-server
tool[peer]=$srcdir/peer/usr/bin/ovsdb-tool
vsctl[peer]=$srcdir/peer/usr/bin/ovs-vsctl
appctl[peer]=$srcdir/peer/usr/bin/ovs-appctl
vswitchd[peer]=$srcdir/peer/usr/lib/openvswitch-switch/ovs-vswitchd

work=$BENCH_TMP/forward
rm -rf "$work"
mkdir -p "$work"
tag=fb$$
nsa=${tag}a
nsb=${tag}b
nss=${tag}s

started=()
cleanup() {
    local pid
    for pid in "${started[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    topo_down
}
trap 'cleanup; rm -rf "$work"' EXIT

# topo_up CASE: namespaces with 10.77.0.1 and 10.77.0.2, joined per CASE.
topo_up() {
    ip netns add "$nsa"
    ip netns add "$nsb"
    ip netns add "$nss"
    ip -n "$nss" link set lo up
    if [ "$1" = veth ]; then
        ip link add va netns "$nsa" type veth peer name vb netns "$nsb"
    else
        ip link add va netns "$nsa" type veth peer name pa netns "$nss"
        ip link add vb netns "$nsb" type veth peer name pb netns "$nss"
        ip -n "$nss" link set pa up
        ip -n "$nss" link set pb up
    fi
    ip -n "$nsa" addr add 10.77.0.1/24 dev va
    ip -n "$nsb" addr add 10.77.0.2/24 dev vb
    ip -n "$nsa" link set va up
    ip -n "$nsb" link set vb up
    ip -n "$nsa" link set lo up
    ip -n "$nsb" link set lo up
}

topo_down() {
    ip netns del "$nsa" 2>/dev/null || true
    ip netns del "$nsb" 2>/dev/null || true
    ip netns del "$nss" 2>/dev/null || true
}

# switch_up SIDE: SIDE's ovsdb-server and ovs-vswitchd with a netdev
# bridge holding both veth ends.  Sets SW_PID.
switch_up() {
    local side=$1 dir=$work/$1
    mkdir -p "$dir"
    export OVS_RUNDIR=$dir OVS_DBDIR=$dir OVS_LOGDIR=$dir OVS_SYSCONFDIR=$dir
    "${tool[$side]}" create "$dir/conf.db" "$srcdir/vswitchd/vswitch.ovsschema"
    "${server[$side]}" "$dir/conf.db" --remote=punix:"$dir/db.sock" \
        --pidfile="$dir/ovsdb-server.pid" --log-file="$dir/ovsdb-server.log" \
        --detach --no-chdir
    started+=("$(cat "$dir/ovsdb-server.pid")")
    VS=("${vsctl[$side]}" --db=unix:"$dir/db.sock")
    AC=("${appctl[$side]}" -t "$dir/ovs-vswitchd.ctl")
    "${VS[@]}" --no-wait init
    ip netns exec "$nss" "${vswitchd[$side]}" \
        --pidfile="$dir/ovs-vswitchd.pid" --unixctl="$dir/ovs-vswitchd.ctl" \
        --log-file="$dir/ovs-vswitchd.log" --detach --no-chdir \
        unix:"$dir/db.sock"
    SW_PID=$(cat "$dir/ovs-vswitchd.pid")
    started+=("$SW_PID")
    "${VS[@]}" --timeout=30 add-br br0 -- set bridge br0 datapath_type=netdev \
        -- add-port br0 pa -- add-port br0 pb
}

switch_down() {
    kill "$SW_PID" 2>/dev/null || true
    kill "$(cat "$OVS_RUNDIR/ovsdb-server.pid")" 2>/dev/null || true
    sleep 0.5
}

cpu_ticks() {
    awk '{print $14 + $15}' "/proc/$1/stat"
}

rss_kb() {
    awk '/VmRSS/ {print $2}' "/proc/$1/status"
}

# iperf_json ARGS...: client run from A to B; prints the JSON.
iperf_json() {
    ip netns exec "$nsb" timeout $(( secs + 20 )) iperf3 -s -1 -p 5999 \
        >/dev/null 2>&1 &
    local spid=$!
    sleep 0.3
    ip netns exec "$nsa" timeout $(( secs + 15 )) iperf3 -c 10.77.0.2 \
        -p 5999 --connect-timeout 3000 -J "$@" || true
    kill $spid 2>/dev/null || true
    wait $spid 2>/dev/null || true
}

# measure CASE: fills R[CASE.*].
measure() {
    local c=$1 t0 t1 json hz
    hz=$(getconf CLK_TCK)
    ip netns exec "$nsa" ping -c 3 -i 0.2 -q 10.77.0.2 >/dev/null || true

    # Ping RTT: 400 pings, 5 ms apart.
    ip netns exec "$nsa" ping -c 400 -i 0.005 10.77.0.2 \
        | sed -n 's/.*time=\([0-9.]*\) ms/\1/p' | sort -n > "$work/rtt"
    local n
    n=$(wc -l < "$work/rtt")
    if [ "$n" -gt 0 ]; then
        R[$c.p50]=$(sed -n "$(( (n + 1) / 2 ))p" "$work/rtt")
        R[$c.p99]=$(sed -n "$(( (n * 99 + 99) / 100 ))p" "$work/rtt")
    fi

    # TCP.
    [ -n "$SW_PID" ] && t0=$(cpu_ticks "$SW_PID")
    json=$(iperf_json -t "$secs")
    [ -n "$SW_PID" ] && t1=$(cpu_ticks "$SW_PID")
    R[$c.tcp]=$(echo "$json" | python3 -c '
import json, sys
try:
    d = json.load(sys.stdin)
    print("%.2f" % (d["end"]["sum_received"]["bits_per_second"] / 1e9))
except Exception:
    sys.stderr.write("TCP: %s\n" % (d.get("error", "no result")
                                      if "d" in dir() else "no output"))
    print("n/a")')
    if [ -n "$SW_PID" ]; then
        R[$c.tcp_cpu]=$(awk -v d=$(( t1 - t0 )) -v hz="$hz" -v s="$secs" \
                        'BEGIN { printf "%.0f", 100 * d / hz / s }')
    fi

    # UDP 64-byte frames (14 Ethernet + 20 IP + 8 UDP + 18 payload + 4 FCS
    # on the wire; 60 bytes in the kernel).
    [ -n "$SW_PID" ] && t0=$(cpu_ticks "$SW_PID")
    json=$(iperf_json -u -l 18 -b 0 -t "$secs")
    [ -n "$SW_PID" ] && t1=$(cpu_ticks "$SW_PID")
    local udp
    udp=$(echo "$json" | python3 -c '
import json, sys
try:
    d = json.load(sys.stdin)
    s = d["end"]["sum"]
    print(s["packets"] - s["lost_packets"], s["seconds"])
except Exception:
    sys.stderr.write("UDP: %s\n" % (d.get("error", "no result")
                                      if "d" in dir() else "no output"))
    print("n/a n/a")')
    set -- $udp
    if [ "$1" != n/a ]; then
        R[$c.udp]=$(awk -v p="$1" -v s="$2" 'BEGIN { printf "%.0f", p / s }')
        if [ -n "$SW_PID" ]; then
            R[$c.cpu_mpkt]=$(awk -v d=$(( t1 - t0 )) -v hz="$hz" -v p="$1" \
                             'BEGIN { printf "%.2f", p ? d / hz / (p / 1e6) : 0 }')
        fi
    fi

    if [ -n "$SW_PID" ]; then
        R[$c.rss]=$(( $(rss_kb "$SW_PID") / 1024 ))
        R[$c.megaflows]=$(megaflow_rate)
    fi
}

# megaflow_rate: frames with FWD_FLOWS distinct source MACs from A; prints
# new datapath flows per second (until the count stops growing).
megaflow_rate() {
    local before after t0 t1 last stable
    before=$("${AC[@]}" dpctl/show 2>/dev/null | sed -n 's/^ *flows: //p')
    t0=$(date +%s%N)
    ip netns exec "$nsa" python3 - "$n_macs" <<'EOF'
import socket, struct, sys
n = int(sys.argv[1])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("va", 0))
dst = bytes.fromhex("ffffffffffff")
payload = bytes(46)
for i in range(n):
    src = bytes([0x02, 0x77]) + struct.pack("!I", i + 1)
    s.send(dst + src + b"\x88\xb5" + payload)
EOF
    last=-1
    stable=0
    t1=$t0
    for _ in $(seq 600); do
        after=$("${AC[@]}" dpctl/show 2>/dev/null | sed -n 's/^ *flows: //p')
        if [ "${after:-0}" = "$last" ]; then
            stable=$(( stable + 1 ))
            [ $stable -ge 5 ] && break
        else
            stable=0
            last=${after:-0}
            t1=$(date +%s%N)
        fi
        sleep 0.1
    done
    awk -v n=$(( ${last:-0} - ${before:-0} )) -v ns=$(( t1 - t0 )) \
        'BEGIN { printf "%.0f", (ns > 0 ? n / (ns / 1e9) : 0) }'
}

declare -A R
for c in $cases; do
    SW_PID=
    topo_up "$c"
    case $c in
        ours|peer)
            if [ ! -x "${vswitchd[$c]}" ]; then
                echo "$c: ${vswitchd[$c]} not found, skipped" >&2
                topo_down
                continue
            fi
            switch_up "$c"
            if [ "$c" = peer ]; then
                # Upstream's default userspace datapath cannot carry TCP
                # with transmit checksum offload on (BASELINE.md), so it
                # is measured with it off; ours keeps every offload.
                ip netns exec "$nsa" ethtool -K va tx off >/dev/null
                ip netns exec "$nsb" ethtool -K vb tx off >/dev/null
            fi
            ;;
        bridge)
            ip -n "$nss" link add name sw0 type bridge
            ip -n "$nss" link set pa master sw0
            ip -n "$nss" link set pb master sw0
            ip -n "$nss" link set sw0 up
            ;;
    esac
    measure "$c"
    case $c in
        ours|peer) switch_down ;;
    esac
    topo_down
done

v() { echo "${R[$1]:-n/a}"; }
printf '%-30s %10s %10s %10s %10s\n' "" ours "upstream" "bridge" "veth"
for m in "tcp:TCP Gbit/s" "udp:UDP 64B pkt/s" "p50:ping p50 ms" \
         "p99:ping p99 ms" "cpu_mpkt:CPU s per Mpkt (UDP)" \
         "tcp_cpu:CPU % during TCP" "rss:RSS MB" \
         "megaflows:new megaflows/s"; do
    k=${m%%:*}
    printf '%-30s %10s %10s %10s %10s\n' "${m#*:}" "$(v ours.$k)" \
        "$(v peer.$k)" "$(v bridge.$k)" "$(v veth.$k)"
done
echo
bench_header
bench_row "TCP, 1 stream" "$(v ours.tcp)" "$(v peer.tcp)" Gb/s
bench_row "UDP 64-byte received" "$(v ours.udp)" "$(v peer.udp)" pps
bench_row_lower "ping RTT p50" "$(v ours.p50)" "$(v peer.p50)" ms
bench_row_lower "CPU per million UDP packets" "$(v ours.cpu_mpkt)" \
    "$(v peer.cpu_mpkt)" s
bench_row "new megaflows" "$(v ours.megaflows)" "$(v peer.megaflows)" /s
bench_row_lower "ovs-vswitchd RSS" "$(v ours.rss)" "$(v peer.rss)" MB
