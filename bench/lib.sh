# bench/lib.sh: helpers for side-by-side benchmarks, sourced by bench/*.sh.
#
# Conventions: each benchmark bench/NAME.sh measures ours and the peer
# (upstream Open vSwitch, or the reference implementation named in the
# row) in the same run, on the same input, and prints one table row per
# measurement with bench_row.  Throughput ratios are ours/peer, so above
# 1.00 means we are faster.  For times, latencies and memory, where less
# is better, bench_row_lower prints peer/ours, so that there too above
# 1.00 means we are better.  A side that could not be measured (our
# program does not exist yet, say) is given as "n/a", and so is the ratio.
# Benchmarks find our binaries in $BUILDDIR (default: ./_build) and keep
# scratch files under $BENCH_TMP.

: "${BUILDDIR:=_build}"
BUILDDIR=$(cd "$BUILDDIR" && pwd)
: "${BENCH_TMP:=$(mktemp -d)}"

bench_header() {
    printf '%-34s %13s %13s %8s\n' "benchmark" "ours" "peer" "ratio"
}

# bench_row NAME OURS PEER UNIT: one row; the ratio is OURS/PEER.
bench_row() {
    __bench_row "$1" "$2" "$3" "$4" higher
}

# bench_row_lower NAME OURS PEER UNIT: one row for a measure where less is
# better; the ratio is PEER/OURS.
bench_row_lower() {
    __bench_row "$1" "$2" "$3" "$4" lower
}

__bench_row() {
    awk -v name="$1" -v ours="$2" -v peer="$3" -v unit="$4" -v better="$5" '
    function val(x) {
        return (x == "" || x == "n/a") ? "     n/a" : sprintf("%8.1f", x)
    }
    BEGIN {
        if (ours == "" || ours == "n/a" || peer == "" || peer == "n/a") {
            ratio = "     n/a"
        } else if (better == "lower") {
            ratio = sprintf("%7.2fx", ours > 0 ? peer / ours : 0)
        } else {
            ratio = sprintf("%7.2fx", peer > 0 ? ours / peer : 0)
        }
        printf "%-34s %s %-4s %s %-4s %s\n", name, val(ours), unit,
               val(peer), unit, ratio
    }'
}
