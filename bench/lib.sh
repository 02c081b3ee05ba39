# bench/lib.sh: helpers for side-by-side benchmarks, sourced by bench/*.sh.
#
# Conventions: each benchmark bench/NAME.sh measures ours and the peer
# (upstream Open vSwitch, or the reference implementation named in the
# row) in the same run, on the same input, and prints one table row per
# measurement with bench_row.  Throughput ratios are ours/peer, so above
# 1.00 means we are faster.  Benchmarks find our binaries in $BUILDDIR
# (default: ./_build) and keep scratch files under $BENCH_TMP.

: "${BUILDDIR:=_build}"
BUILDDIR=$(cd "$BUILDDIR" && pwd)
: "${BENCH_TMP:=$(mktemp -d)}"

bench_header() {
    printf '%-34s %12s %12s %8s\n' "benchmark" "ours" "peer" "ratio"
}

# bench_row NAME OURS PEER UNIT: one row; the ratio is OURS/PEER.
bench_row() {
    awk -v name="$1" -v ours="$2" -v peer="$3" -v unit="$4" 'BEGIN {
        printf "%-34s %8.1f %-3s %8.1f %-3s %7.2fx\n", name, ours, unit,
               peer, unit, (peer > 0 ? ours / peer : 0)
    }'
}
