#!/bin/bash
# Runs the whole test suite, in parallel, and ends with one summary line:
#   N passed, N failed, N skipped
#
# Tests come from two places:
#   - unit tests: every name "tests/ovstest --list" prints;
#   - shell tests: every function "test_NAME() {" in a tests/*.at file
#     other than this runner's own library (tests/lib.sh).
# Each test runs in a private sandbox directory of its own under
# tests/testsuite.dir/, with OVS_RUNDIR, OVS_DBDIR, OVS_LOGDIR and
# OVS_SYSCONFDIR pointing into it.  A test passes with exit status 0, is
# skipped with 77, and fails otherwise (or on timeout, or if a sanitizer
# wrote a report).  The sandbox of a failing test is kept, with its log,
# and the log is printed at the end; passing tests' sandboxes are removed.
#
# usage: testsuite.sh [-j JOBS] [-v] [PATTERN...]
#   PATTERN: run only tests whose name contains one of the patterns.
#   Environment: builddir, srcdir (default: this script's tree),
#                TEST_TIMEOUT (seconds per test, default 300).

set -u

srcdir=${srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
builddir=${builddir:-$srcdir}
jobs=$(nproc 2>/dev/null || echo 2)
verbose=false
patterns=()

while [ $# -gt 0 ]; do
    case $1 in
        -j) jobs=$2; shift 2 ;;
        -j*) jobs=${1#-j}; shift ;;
        -v) verbose=true; shift ;;
        -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
        *) patterns+=("$1"); shift ;;
    esac
done

export srcdir builddir
export TEST_TIMEOUT=${TEST_TIMEOUT:-300}
suitedir=$builddir/tests/testsuite.dir
rm -rf "$suitedir"
mkdir -p "$suitedir"

# Collect "kind name" lines.
list=$suitedir/list
: > "$list"
if ! "$builddir/tests/ovstest" --list > "$suitedir/unit-list"; then
    echo "testsuite: tests/ovstest --list failed" >&2
    exit 1
fi
sed 's/^/unit /' "$suitedir/unit-list" >> "$list"
for f in "$srcdir"/tests/*.at; do
    [ -e "$f" ] || continue
    base=$(basename "$f" .at)
    sed -n 's/^test_\([A-Za-z0-9_]*\) *() *{.*$/\1/p' "$f" |
        while read -r t; do echo "shell $base:$t"; done >> "$list"
done

if [ ${#patterns[@]} -gt 0 ]; then
    : > "$list.sel"
    for p in "${patterns[@]}"; do
        grep -F -- "$p" "$list" >> "$list.sel" || true
    done
    sort -u "$list.sel" > "$list"
fi

total=$(wc -l < "$list")
echo "testsuite: running $total tests with $jobs jobs"

# Runs one test (arguments: kind name) and records its result.
run_one() {
    local kind=$1 name=$2
    local dir=$suitedir/$(echo "$name" | tr '/:' '__')
    mkdir -p "$dir"
    local status
    (
        cd "$dir" || exit 1
        export OVS_RUNDIR=$dir OVS_DBDIR=$dir OVS_LOGDIR=$dir \
               OVS_SYSCONFDIR=$dir OVS_PKGDATADIR=$srcdir \
               OVS_TEST_DIR=$dir
        export ASAN_OPTIONS="log_path=$dir/asan:detect_leaks=1:abort_on_error=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
        export UBSAN_OPTIONS="log_path=$dir/ubsan:print_stacktrace=1:halt_on_error=1"
        if [ "$kind" = unit ]; then
            timeout -k 5 "$TEST_TIMEOUT" "$builddir/tests/ovstest" "$name"
        else
            file=${name%%:*} func=${name#*:}
            timeout -k 5 "$TEST_TIMEOUT" bash -c '
                . "$srcdir/tests/lib.sh"
                . "$srcdir/tests/$1.at"
                test_setup
                "test_$2"' - "$file" "$func"
        fi
    ) > "$dir/log" 2>&1 < /dev/null
    status=$?
    if [ $status -eq 0 ] && ls "$dir"/asan.* "$dir"/ubsan.* >/dev/null 2>&1; then
        echo "sanitizer report:" >> "$dir/log"
        cat "$dir"/asan.* "$dir"/ubsan.* >> "$dir/log" 2>/dev/null
        status=1
    fi
    if [ $status -eq 124 ] || [ $status -eq 137 ]; then
        echo "timed out after $TEST_TIMEOUT s" >> "$dir/log"
    fi
    case $status in
        0) result=ok ;;
        77) result=skipped ;;
        *) result=FAILED ;;
    esac
    echo "$result $name" >> "$suitedir/results"
    if [ $result != FAILED ]; then
        if $verbose; then
            echo "$result: $name"
        fi
        [ $result = ok ] && rm -rf "$dir"
    else
        echo "FAILED: $name (log: $dir/log)"
    fi
}
export -f run_one
export suitedir verbose

: > "$suitedir/results"
tr '\n' '\0' < "$list" | xargs -0 -P "$jobs" -I{} bash -c 'run_one {}'

passed=$(grep -c '^ok ' "$suitedir/results")
failed=$(grep -c '^FAILED ' "$suitedir/results")
skipped=$(grep -c '^skipped ' "$suitedir/results")
missing=$((total - passed - failed - skipped))
if [ $missing -gt 0 ]; then
    echo "testsuite: $missing tests did not report a result"
    failed=$((failed + missing))
fi

if [ "$failed" -gt 0 ]; then
    echo
    echo "Logs of failed tests:"
    grep '^FAILED ' "$suitedir/results" | sort | while read -r _ name; do
        dir=$suitedir/$(echo "$name" | tr '/:' '__')
        echo "===== $name ====="
        tail -n 60 "$dir/log"
    done
    echo
fi
if [ "$skipped" -gt 0 ]; then
    grep '^skipped ' "$suitedir/results" | sort | sed 's/^skipped /skipped: /'
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
