#!/bin/bash
# Packets per second forwarded veth -> veth through our AF_PACKET system
# netdev (batched receive, batched send), and the system calls per packet.
# Upstream has no equivalent of this piece on its own, so only our numbers
# are printed.
#
# Topology, each side in a namespace of its own:
#   gen (netdev-bench gen g0) g0 == f0 [netdev-bench fwd f0 f1] f1 == s0
#   (netdev-bench sink s0)
# 64-byte frames (60 plus the FCS the wire would add).  Needs root.
#
# usage: bench/netdev.sh [SECONDS]   (BUILDDIR: build directory, default
#                                     _build; needs bench/netdev-bench)
set -e
srcdir=$(cd "$(dirname "$0")/.." && pwd)
. "$srcdir/bench/lib.sh"
secs=${1:-5}
bench=$BUILDDIR/bench/netdev-bench
[ -x "$bench" ] || { echo "build $bench first" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "needs root (network namespaces)" >&2; exit 1; }

tag=nb-$$
G=$tag-g F=$tag-f S=$tag-s
cleanup() {
    for ns in $G $F $S; do ip netns del "$ns" 2>/dev/null || true; done
}
trap cleanup EXIT
for ns in $G $F $S; do
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

out=$BENCH_TMP/netdev
mkdir -p "$out"
ip netns exec $S "$bench" sink s0 "$secs" > "$out/sink" &
sink=$!
ip netns exec $F "$bench" fwd f0 f1 "$secs" > "$out/fwd" &
fwd=$!
sleep 0.5
ip netns exec $G "$bench" gen g0 $((secs + 2)) > "$out/gen" &
gen=$!
wait $fwd $sink $gen

get() {
    sed -n "s/.* $2=\([^ ]*\).*/\1/p" "$out/$1"
}
bench_header
bench_row "generator: 64-byte frames sent" "$(get gen pps)" n/a pps
bench_row "forwarder: veth->veth forwarded" "$(get fwd pps)" n/a pps
bench_row "sink: frames received" "$(get sink pps)" n/a pps
fwd_pk=$(get fwd packets)
awk -v p="$fwd_pk" -v c="$(get fwd cpu_s)" 'BEGIN {
    printf "%-34s %13.2f\n", "forwarder: CPU s per Mpacket",
           (p > 0 ? c / (p / 1e6) : 0) }'
printf '%-34s %13s\n' "forwarder: recvmmsg calls" "$(get fwd recvmmsg)"
printf '%-34s %13s\n' "forwarder: sendmmsg calls" "$(get fwd sendmmsg)"
printf '%-34s %13s\n' "forwarder: poll calls" "$(get fwd poll)"
printf '%-34s %13s\n' "forwarder: syscalls per packet" \
    "$(get fwd syscalls_per_packet)"
