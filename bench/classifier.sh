#!/bin/bash
# The OpenFlow classifier (lib/classifier.h) and the datapath's megaflow
# classifier and exact-match cache (lib/dpcls.h, lib/emc.h), measured by
# bench/classifier-bench: classifier insertions and lookups (with wildcard
# tracking) for 1k/10k/100k rules over 1/10/50 masks with random
# priorities, and dpcls batch lookups and cache hits per packet.  Best of
# 3 runs each, in CPU time.
#
# There is no upstream peer for these microbenchmarks (upstream's
# "ovstest test-classifier benchmark" is not in the peer packages), so the
# peer column and the ratio are n/a: these are our numbers only.
#
# usage: bench/classifier.sh [SCALE]   (BUILDDIR: build directory, default
#                                       _build; needs
#                                       "make bench/classifier-bench")
set -e
srcdir=$(cd "$(dirname "$0")/.." && pwd)
. "$srcdir/bench/lib.sh"
scale=${1:-1}

bench=$BUILDDIR/bench/classifier-bench
[ -x "$bench" ] || { echo "build $bench first" >&2; exit 1; }
out=$BENCH_TMP/classifier-bench.out
"$bench" "$scale" > "$out"

echo "Classifiers, best of 3 (no upstream peer: our numbers only)"
bench_header
while read -r name value unit rest; do
    case $name in
        classifier-insert-*)
            set -- $(echo "$name" | tr '-' ' ')
            bench_row "insert $3 rules $5 masks" \
                "$(awk -v v="$value" 'BEGIN { print v / 1e6 }')" n/a "M/s"
            ;;
        classifier-lookup-*)
            set -- $(echo "$name" | tr '-' ' ')
            bench_row "lookup $3 rules $5 masks" \
                "$(awk -v v="$value" 'BEGIN { print v / 1e6 }')" n/a "M/s"
            ;;
        dpcls-lookup-*)
            set -- $(echo "$name" | tr '-' ' ')
            bench_row_lower "dpcls batch $3 flows $5 masks" "$value" n/a ns
            ;;
        emc-hit-*)
            set -- $(echo "$name" | tr '-' ' ')
            bench_row_lower "emc hit $3 flows $5 masks" "$value" n/a ns
            ;;
    esac
done < "$out"
