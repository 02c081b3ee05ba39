#!/bin/bash
# JSON parse and serialize throughput of lib/json (bench/json-bench)
# against Python's C-accelerated json module (/usr/bin/python3), on a
# ~50 MB OVSDB-like document (bench/gen-ovsdb-dump.py).  Best of 3 runs.
# Python gets str input (decoded beforehand) and its GC disabled.
#
# usage: bench/json.sh [SIZE_MB]   (BUILDDIR: build directory, default
#                                    _build; needs "make bench/json-bench")
set -e
srcdir=$(cd "$(dirname "$0")/.." && pwd)
. "$srcdir/bench/lib.sh"
size=${1:-50}
runs=3
python=/usr/bin/python3

bench=$BUILDDIR/bench/json-bench
[ -x "$bench" ] || { echo "build $bench first" >&2; exit 1; }
"$python" -c 'import json.decoder, json.encoder, sys
sys.exit(json.decoder.c_scanstring is None
         or json.encoder.c_make_encoder is None)' ||
    { echo "Python's json module lacks its C accelerator" >&2; exit 1; }

input=$BENCH_TMP/ovsdb-dump-$size.json
if [ ! -s "$input" ]; then
    "$python" "$srcdir/bench/gen-ovsdb-dump.py" "$size" > "$input"
fi
mb=$(awk -v n="$(wc -c < "$input")" 'BEGIN { printf "%.1f", n / 1e6 }')

read -r py_parse py_serialize < <("$python" - "$input" "$runs" <<'PYEOF'
import gc, json, sys, time
# The cyclic garbage collector would cut Python's parse speed by ~6x on
# this many containers; leave it out to compare the parsers themselves.
gc.disable()
data = open(sys.argv[1], encoding="utf-8").read()
runs = int(sys.argv[2])
best_parse = best_ser = 0
obj = None
for _ in range(runs):
    del obj
    t = time.perf_counter()
    obj = json.loads(data)
    best_parse = max(best_parse,
                     len(data.encode()) / (time.perf_counter() - t) / 1e6)
for _ in range(runs):
    t = time.perf_counter()
    out = json.dumps(obj, separators=(",", ":"), ensure_ascii=False)
    best_ser = max(best_ser,
                   len(out.encode()) / (time.perf_counter() - t) / 1e6)
print("%.1f %.1f" % (best_parse, best_ser))
PYEOF
)
our_parse=$("$bench" parse "$input" "$runs")
our_serialize=$("$bench" serialize "$input" "$runs")

echo "JSON, $mb MB OVSDB-like document, best of $runs (peer: Python json)"
bench_header
bench_row "json parse" "$our_parse" "$py_parse" "MB/s"
bench_row "json serialize" "$our_serialize" "$py_serialize" "MB/s"
