#!/bin/sh
# Runs every libFuzzer target built in BUILDDIR/fuzz for SECONDS each, from
# its seed corpus, and exits non-zero if any of them finds a crash, a leak
# or a failed check.  The last line counts the targets:
# "N passed, N failed".  Builds nothing: configure BUILDDIR with
#     ../configure CC=clang --enable-fuzzing && make
# first.  New inputs go to a temporary directory; crash reproducers are
# left in the current directory (crash-*, leak-*).
#
# usage: fuzz/run-fuzzers.sh BUILDDIR SECONDS
set -u

if [ $# -ne 2 ]; then
    echo "usage: $0 BUILDDIR SECONDS" >&2
    exit 2
fi
builddir=$1
seconds=$2
srcdir=$(cd "$(dirname "$0")/.." && pwd)

# Seed corpus for a target, by name.
seeds() {
    case $1 in
        fuzz-json) echo "$srcdir/tests/json-corpus" ;;
        fuzz-jsonrpc) echo "$srcdir/fuzz/jsonrpc-corpus" ;;
        fuzz-ovsdb-log) echo "$srcdir/fuzz/ovsdb-log-corpus" ;;
        fuzz-ovsdb-condition) echo "$srcdir/fuzz/ovsdb-condition-corpus" ;;
        fuzz-ovsdb-datum) echo "$srcdir/fuzz/ovsdb-datum-corpus" ;;
        fuzz-ovsdb-schema) echo "$srcdir/fuzz/ovsdb-schema-corpus" ;;
        fuzz-flow-extract) echo "$srcdir/fuzz/flow-corpus" ;;
        fuzz-ovsdb-txn) echo "$srcdir/fuzz/ovsdb-txn-corpus" ;;
        fuzz-match-parse) echo "$srcdir/fuzz/match-corpus" ;;
        fuzz-odp-key-parse) echo "$srcdir/fuzz/odp-corpus" ;;
        fuzz-ofp-actions-parse) echo "$srcdir/fuzz/ofp-actions-corpus" ;;
        *) echo "" ;;
    esac
}

status=0
found=0
passed=0
failed=0
for target in "$builddir"/fuzz/fuzz-*; do
    [ -f "$target" ] && [ -x "$target" ] || continue
    case $target in *.o|*.c) continue ;; esac
    found=1
    name=$(basename "$target")
    work=$(mktemp -d)
    echo "== $name: ${seconds}s"
    if ! "$target" -max_total_time="$seconds" -print_final_stats=1 \
            "$work" $(seeds "$name") 2>"$work.log"; then
        tail -n 60 "$work.log"
        echo "== $name: FAILED"
        status=1
        failed=$((failed + 1))
    else
        grep -E '^stat::(number_of_executed_units|peak_rss_mb)' "$work.log"
        echo "== $name: ok"
        passed=$((passed + 1))
    fi
    rm -rf "$work" "$work.log"
done
if [ $found = 0 ]; then
    echo "no fuzz targets in $builddir/fuzz (configure --enable-fuzzing)" >&2
    echo "0 passed, 1 failed"
    exit 1
fi
echo "$passed passed, $failed failed"
exit $status
