# fuzz/: libFuzzer targets, built with --enable-fuzzing (CC=clang).

FUZZ_TARGETS =

if ENABLE_FUZZING
FUZZ_FLAGS = -fsanitize=fuzzer,address,undefined -fno-omit-frame-pointer

# The target compiles lib/json.c itself so that the module under test has
# coverage instrumentation; the rest comes from the library.
FUZZ_TARGETS += fuzz/fuzz-json
fuzz_fuzz_json_SOURCES = fuzz/fuzz-json.c lib/json.c
fuzz_fuzz_json_CFLAGS = $(AM_CFLAGS) $(FUZZ_FLAGS)
fuzz_fuzz_json_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_FLAGS)
fuzz_fuzz_json_LDADD = lib/libopenvswitch.la

noinst_PROGRAMS += $(FUZZ_TARGETS)
endif

# Builds just the fuzz targets (and the library they need).
fuzz-targets: $(FUZZ_TARGETS)
.PHONY: fuzz-targets

EXTRA_DIST += fuzz/run-fuzzers.sh
