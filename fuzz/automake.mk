# fuzz/: libFuzzer targets, built with --enable-fuzzing (CC=clang).
#
# Each target compiles the modules it exercises into itself, so that they
# get coverage instrumentation; the rest comes from the library.

FUZZ_TARGETS =

if ENABLE_FUZZING
FUZZ_FLAGS = -fsanitize=fuzzer,address,undefined -fno-omit-frame-pointer

# The JSON parser, whole and incremental, and the serializer.
FUZZ_TARGETS += fuzz/fuzz-json
fuzz_fuzz_json_SOURCES = fuzz/fuzz-json.c lib/json.c
fuzz_fuzz_json_CFLAGS = $(AM_CFLAGS) $(FUZZ_FLAGS)
fuzz_fuzz_json_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_FLAGS)
fuzz_fuzz_json_LDADD = lib/libopenvswitch.la

# The JSON-RPC receive path over a real socket pair: framing, size limit
# and message validation.
FUZZ_TARGETS += fuzz/fuzz-jsonrpc
fuzz_fuzz_jsonrpc_SOURCES = fuzz/fuzz-jsonrpc.c lib/json.c lib/jsonrpc.c
fuzz_fuzz_jsonrpc_CFLAGS = $(AM_CFLAGS) $(FUZZ_FLAGS)
fuzz_fuzz_jsonrpc_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_FLAGS)
fuzz_fuzz_jsonrpc_LDADD = lib/libopenvswitch.la

# The OVSDB log reader on arbitrary database files, then an append that
# must truncate any bad tail.
FUZZ_TARGETS += fuzz/fuzz-ovsdb-log
fuzz_fuzz_ovsdb_log_SOURCES = fuzz/fuzz-ovsdb-log.c ovsdb/log.c lib/json.c
fuzz_fuzz_ovsdb_log_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/ovsdb \
	$(LIBCRYPTO_CFLAGS)
fuzz_fuzz_ovsdb_log_CFLAGS = $(AM_CFLAGS) $(FUZZ_FLAGS)
fuzz_fuzz_ovsdb_log_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_FLAGS)
fuzz_fuzz_ovsdb_log_LDADD = lib/libopenvswitch.la $(LIBCRYPTO_LIBS)

# OVSDB datums from JSON and from ovs-vsctl text, and their round trips
# through both serializations.
FUZZ_TARGETS += fuzz/fuzz-ovsdb-datum
fuzz_fuzz_ovsdb_datum_SOURCES = fuzz/fuzz-ovsdb-datum.c lib/ovsdb-data.c \
	lib/ovsdb-types.c lib/ovsdb-error.c lib/ovsdb-parser.c lib/json.c
fuzz_fuzz_ovsdb_datum_CFLAGS = $(AM_CFLAGS) $(FUZZ_FLAGS)
fuzz_fuzz_ovsdb_datum_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_FLAGS)
fuzz_fuzz_ovsdb_datum_LDADD = lib/libopenvswitch.la

# OVSDB conditions and mutations on a fixed table: parsing, round trips,
# evaluation and execution.
FUZZ_TARGETS += fuzz/fuzz-ovsdb-condition
fuzz_fuzz_ovsdb_condition_SOURCES = fuzz/fuzz-ovsdb-condition.c \
	ovsdb/condition.c ovsdb/mutation.c ovsdb/column.c ovsdb/ovsdb.c \
	ovsdb/row.c ovsdb/table.c lib/ovsdb-data.c lib/ovsdb-parser.c \
	lib/ovsdb-types.c
fuzz_fuzz_ovsdb_condition_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/ovsdb
fuzz_fuzz_ovsdb_condition_CFLAGS = $(AM_CFLAGS) $(FUZZ_FLAGS)
fuzz_fuzz_ovsdb_condition_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_FLAGS)
fuzz_fuzz_ovsdb_condition_LDADD = lib/libopenvswitch.la

# The schema parser (with the type and datum parsers under it), schema
# round trips, and default rows of every table.
FUZZ_TARGETS += fuzz/fuzz-ovsdb-schema
fuzz_fuzz_ovsdb_schema_SOURCES = fuzz/fuzz-ovsdb-schema.c \
	ovsdb/column.c ovsdb/ovsdb.c ovsdb/row.c ovsdb/table.c \
	lib/ovsdb-data.c lib/ovsdb-parser.c lib/ovsdb-types.c
fuzz_fuzz_ovsdb_schema_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/ovsdb
fuzz_fuzz_ovsdb_schema_CFLAGS = $(AM_CFLAGS) $(FUZZ_FLAGS)
fuzz_fuzz_ovsdb_schema_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_FLAGS)
fuzz_fuzz_ovsdb_schema_LDADD = lib/libopenvswitch.la

# Packet parsing on arbitrary bytes, compose/parse round trips, and header
# edits on whatever was parsed.
FUZZ_TARGETS += fuzz/fuzz-flow-extract
fuzz_fuzz_flow_extract_SOURCES = fuzz/fuzz-flow-extract.c lib/flow.c \
	lib/packets.c lib/dp-packet.c
fuzz_fuzz_flow_extract_CFLAGS = $(AM_CFLAGS) $(FUZZ_FLAGS)
fuzz_fuzz_flow_extract_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_FLAGS)
fuzz_fuzz_flow_extract_LDADD = lib/libopenvswitch.la
# Datapath keys, masks and actions: Netlink and text parsing, round trips
# of whatever parses, and executing parsed actions on a packet.
FUZZ_TARGETS += fuzz/fuzz-odp-key-parse
fuzz_fuzz_odp_key_parse_SOURCES = fuzz/fuzz-odp-key-parse.c \
	lib/odp-util.c lib/odp-execute.c
fuzz_fuzz_odp_key_parse_CFLAGS = $(AM_CFLAGS) $(FUZZ_FLAGS)
fuzz_fuzz_odp_key_parse_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_FLAGS)
fuzz_fuzz_odp_key_parse_LDADD = lib/libopenvswitch.la

# The flow text parser and NXM/OXM decoding, with encode/decode round
# trips of whatever parses.
FUZZ_TARGETS += fuzz/fuzz-match-parse
fuzz_fuzz_match_parse_SOURCES = fuzz/fuzz-match-parse.c lib/match.c \
	lib/meta-flow.c lib/nx-match.c lib/ofp-flow.c lib/ofp-port.c
fuzz_fuzz_match_parse_CFLAGS = $(AM_CFLAGS) $(FUZZ_FLAGS)
fuzz_fuzz_match_parse_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_FLAGS)
fuzz_fuzz_match_parse_LDADD = lib/libopenvswitch.la

# The OpenFlow action text parser and wire decoders, with encode/decode
# round trips of whatever parses.
FUZZ_TARGETS += fuzz/fuzz-ofp-actions-parse
fuzz_fuzz_ofp_actions_parse_SOURCES = fuzz/fuzz-ofp-actions-parse.c \
	lib/ofp-actions.c lib/ofp-port.c
fuzz_fuzz_ofp_actions_parse_CFLAGS = $(AM_CFLAGS) $(FUZZ_FLAGS)
fuzz_fuzz_ofp_actions_parse_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_FLAGS)
fuzz_fuzz_ofp_actions_parse_LDADD = lib/libopenvswitch.la

# The transaction engine: "transact" requests against a database with
# references, garbage collection, maxRows and unique indexes, committed or
# aborted, with a full consistency recount after each.
FUZZ_TARGETS += fuzz/fuzz-ovsdb-txn
fuzz_fuzz_ovsdb_txn_SOURCES = fuzz/fuzz-ovsdb-txn.c \
	ovsdb/column.c ovsdb/condition.c ovsdb/execution.c ovsdb/mutation.c \
	ovsdb/ovsdb.c ovsdb/row.c ovsdb/table.c ovsdb/transaction.c \
	lib/ovsdb-data.c lib/ovsdb-parser.c lib/ovsdb-types.c
fuzz_fuzz_ovsdb_txn_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/ovsdb
fuzz_fuzz_ovsdb_txn_CFLAGS = $(AM_CFLAGS) $(FUZZ_FLAGS)
fuzz_fuzz_ovsdb_txn_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_FLAGS)
fuzz_fuzz_ovsdb_txn_LDADD = lib/libopenvswitch.la

noinst_PROGRAMS += $(FUZZ_TARGETS)
endif

# Builds just the fuzz targets (and the library they need).
fuzz-targets: $(FUZZ_TARGETS)
.PHONY: fuzz-targets

EXTRA_DIST += fuzz/run-fuzzers.sh \
	fuzz/flow-corpus \
	fuzz/jsonrpc-corpus \
	fuzz/match-corpus \
	fuzz/odp-corpus \
	fuzz/ofp-actions-corpus \
	fuzz/ovsdb-condition-corpus \
	fuzz/ovsdb-datum-corpus \
	fuzz/ovsdb-log-corpus \
	fuzz/ovsdb-schema-corpus \
	fuzz/ovsdb-txn-corpus
