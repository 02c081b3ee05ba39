# fuzz/: libFuzzer targets, built with --enable-fuzzing (CC=clang).

if ENABLE_FUZZING
FUZZ_FLAGS = -fsanitize=fuzzer,address,undefined -fno-omit-frame-pointer

# The target compiles lib/json.c itself so that the module under test has
# coverage instrumentation; the rest comes from the library.
noinst_PROGRAMS += fuzz/fuzz-json
fuzz_fuzz_json_SOURCES = fuzz/fuzz-json.c lib/json.c
fuzz_fuzz_json_CFLAGS = $(AM_CFLAGS) $(FUZZ_FLAGS)
fuzz_fuzz_json_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_FLAGS)
fuzz_fuzz_json_LDADD = lib/libopenvswitch.la

# The JSON-RPC receive path over a real socket pair: framing, size limit
# and message validation.
noinst_PROGRAMS += fuzz/fuzz-jsonrpc
fuzz_fuzz_jsonrpc_SOURCES = fuzz/fuzz-jsonrpc.c lib/json.c lib/jsonrpc.c
fuzz_fuzz_jsonrpc_CFLAGS = $(AM_CFLAGS) $(FUZZ_FLAGS)
fuzz_fuzz_jsonrpc_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_FLAGS)
fuzz_fuzz_jsonrpc_LDADD = lib/libopenvswitch.la
endif

EXTRA_DIST += fuzz/run-fuzzers.sh fuzz/jsonrpc-corpus
