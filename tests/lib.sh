# tests/lib.sh: helpers for shell tests (tests/*.at), sourced by
# tests/testsuite.sh before each test function runs.
#
# A shell test is a function "test_NAME() { ... }" in a tests/*.at file.
# It runs in its own sandbox directory (the current directory, also
# $OVS_TEST_DIR) with OVS_RUNDIR and friends pointing there and our
# programs first on PATH.  It fails if any command fails (set -e) or a check
# below fails, and skips itself with "skip REASON".
#
#   run CMD...          runs CMD, saving its stdout in ./stdout, its stderr
#                       in ./stderr and its exit status in $status; never
#                       fails by itself.
#   check_status N      fails unless the last run exited with status N.
#   check_stdout        fails unless ./stdout equals standard input.
#   check_stderr        fails unless ./stderr equals standard input.
#   on_exit CMD         runs CMD when the test ends, newest first.
#   wait_until CMD...   retries CMD until it succeeds (10 s at most).
#   fail MSG            fails the test with MSG.

set -e

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

skip() {
    echo "SKIP: $*"
    exit 77
}

__exit_cmds=()
on_exit() {
    __exit_cmds=("$*" "${__exit_cmds[@]}")
}

__run_exit_cmds() {
    local status=$? cmd
    set +e
    for cmd in "${__exit_cmds[@]}"; do
        eval "$cmd"
    done
    exit $status
}

test_setup() {
    cd "$OVS_TEST_DIR"
    PATH=$builddir/utilities:$builddir/tests:$builddir/ovsdb:$builddir/vswitchd:$PATH
    export PATH
    trap __run_exit_cmds EXIT
    trap 'exit 143' TERM INT
}

run() {
    echo "+ $*" >&2
    set +e
    "$@" > stdout 2> stderr
    status=$?
    set -e
}

check_status() {
    if [ "$status" != "$1" ]; then
        echo "--- stdout:" >&2; cat stdout >&2
        echo "--- stderr:" >&2; cat stderr >&2
        fail "exit status $status, expected $1"
    fi
}

__check_file() {
    local file=$1
    cat > "$file.expected"
    if ! diff -u "$file.expected" "$file" >&2; then
        fail "$file differs from what was expected (diff above)"
    fi
}

check_stdout() { __check_file stdout; }
check_stderr() { __check_file stderr; }

wait_until() {
    local i
    for i in $(seq 100); do
        if "$@" >/dev/null 2>&1; then
            return 0
        fi
        sleep 0.1
    done
    fail "timed out waiting for: $*"
}

# Kills the daemon whose pidfile is $OVS_RUNDIR/$1.pid, if it runs.
kill_daemon() {
    local pidfile=$OVS_RUNDIR/$1.pid pid
    if [ -f "$pidfile" ]; then
        pid=$(cat "$pidfile")
        kill "$pid" 2>/dev/null || true
        for i in $(seq 50); do
            kill -0 "$pid" 2>/dev/null || return 0
            sleep 0.1
        done
        kill -9 "$pid" 2>/dev/null || true
    fi
}

# Numbers UUIDs in order of appearance (<0>, <1>, ...) and drops log
# timestamps, from standard input to standard output.
normalize_uuids() {
    awk '
    BEGIN {
        h4 = "[0-9a-f][0-9a-f][0-9a-f][0-9a-f]"
        h8 = h4 h4
    }
    {
        line = $0
        sub(/^[0-9]+-[0-9]+-[0-9]+T[0-9:.]+Z[|][0-9]+[|]/, "", line)
        out = ""
        re = h8 "-" h4 "-" h4 "-" h4 "-" h4 h8
        while (match(line, re)) {
            u = substr(line, RSTART, RLENGTH)
            if (!(u in seen)) {
                seen[u] = n++
            }
            out = out substr(line, 1, RSTART - 1) "<" seen[u] ">"
            line = substr(line, RSTART + RLENGTH)
        }
        print out line
    }'
}

# The same for outputs whose order depends on UUIDs: every UUID becomes
# <U> and the lines are sorted.
normalize_sorted() {
    local h='[0-9a-f]'
    sed -E "s/^[0-9]+-[0-9]+-[0-9]+T[0-9:.]+Z[|][0-9]+[|]//;
            s/$h{8}-$h{4}-$h{4}-$h{4}-$h{12}/<U>/g" |
        LC_ALL=C sort
}
