# bench/: benchmarks that run ours and upstream's side by side.

noinst_PROGRAMS += bench/classifier-bench
bench_classifier_bench_SOURCES = bench/classifier-bench.c
bench_classifier_bench_LDADD = lib/libopenvswitch.la

noinst_PROGRAMS += bench/flow-bench
bench_flow_bench_SOURCES = bench/flow-bench.c
bench_flow_bench_LDADD = lib/libopenvswitch.la

noinst_PROGRAMS += bench/json-bench
bench_json_bench_SOURCES = bench/json-bench.c
bench_json_bench_LDADD = lib/libopenvswitch.la

noinst_PROGRAMS += bench/netdev-bench
bench_netdev_bench_SOURCES = bench/netdev-bench.c
bench_netdev_bench_LDADD = lib/libopenvswitch.la

noinst_PROGRAMS += bench/ovsdb-load
bench_ovsdb_load_SOURCES = bench/ovsdb-load.c
bench_ovsdb_load_LDADD = lib/libopenvswitch.la

EXTRA_DIST += \
	bench/classifier.sh \
	bench/dpif-netdev.sh \
	bench/gen-ovsdb-db.py \
	bench/gen-ovsdb-dump.py \
	bench/json.sh \
	bench/lib.sh \
	bench/netdev.sh \
	bench/ovsdb-bench.ovsschema \
	bench/ovsdb.sh \
	bench/run.sh \
	bench/vsctl.sh
