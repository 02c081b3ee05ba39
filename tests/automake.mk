# tests/: unit tests (linked into tests/ovstest, one test per invocation)
# and shell tests (tests/*.at), all run by tests/testsuite.sh.

check_PROGRAMS += tests/ovstest
tests_ovstest_SOURCES = \
	tests/ovstest.c \
	tests/ovstest.h \
	tests/test-classifier.c \
	tests/test-coverage.c \
	tests/test-daemon.c \
	tests/test-dirs.c \
	tests/test-dpif.c \
	tests/test-dynamic-string.c \
	tests/test-flow.c \
	tests/test-hmap.c \
	tests/test-json-order.c \
	tests/test-json.c \
	tests/test-jsonrpc.c \
	tests/test-list.c \
	tests/test-mac-learning.c \
	tests/test-netdev.c \
	tests/test-odp.c \
	tests/test-ofp-actions.c \
	tests/test-ofp-match.c \
	tests/test-ofpbuf.c \
	tests/test-ofproto.c \
	tests/test-ovs-thread.c \
	tests/test-ovsdb-cond.c \
	tests/test-ovsdb-crash.c \
	tests/test-ovsdb-data.c \
	tests/test-ovsdb-execute.c \
	tests/test-ovsdb-file.c \
	tests/test-ovsdb-idl.c \
	tests/test-ovsdb-log.c \
	tests/test-ovsdb-schema.c \
	tests/test-ovsdb-txn.c \
	tests/test-ovsdb-types.c \
	tests/test-packets.c \
	tests/test-poll-loop.c \
	tests/test-random.c \
	tests/test-reconnect.c \
	tests/test-schemas.c \
	tests/test-shash.c \
	tests/test-smap.c \
	tests/test-socket-util.c \
	tests/test-sset.c \
	tests/test-stream.c \
	tests/test-svec.c \
	tests/test-table-format.c \
	tests/test-unixctl.c \
	tests/test-util.c \
	tests/test-uuid.c \
	tests/test-vlog.c
nodist_tests_ovstest_SOURCES = tests/idltest.c tests/idltest.h
tests_ovstest_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/ovsdb \
	-I$(top_builddir)/tests -I$(top_builddir) -I$(top_srcdir)
tests_ovstest_LDADD = ofproto/libofproto.la ovsdb/libovsdb.la \
	lib/libopenvswitch.la

# The test schema's generated C interface, for tests/test-ovsdb-idl.c.
BUILT_SOURCES += tests/idltest.h
CLEANFILES += tests/idltest.c tests/idltest.h tests/idltest.ovsidl
EXTRA_DIST += tests/idltest.ann tests/idltest.ovsschema \
	tests/ovsdb-method-filter.py
tests/idltest.ovsidl: tests/idltest.ovsschema tests/idltest.ann \
		ovsdb/ovsdb-idlc.in
	$(AM_V_GEN)$(MKDIR_P) tests && $(OVSDB_IDLC) annotate \
		$(srcdir)/tests/idltest.ovsschema \
		$(srcdir)/tests/idltest.ann > $@.tmp && mv $@.tmp $@
tests/idltest.h: tests/idltest.ovsidl ovsdb/ovsdb-idlc.in
	$(AM_V_GEN)$(OVSDB_IDLC) c-idl-header tests/idltest.ovsidl \
		> $@.tmp && mv $@.tmp $@
tests/idltest.c: tests/idltest.ovsidl tests/idltest.h ovsdb/ovsdb-idlc.in
	$(AM_V_GEN)$(OVSDB_IDLC) c-idl-source tests/idltest.ovsidl \
		> $@.tmp && mv $@.tmp $@

# A small daemon that ovs-appctl drives in tests/appctl.at.
check_PROGRAMS += tests/test-unixctl-daemon
tests_test_unixctl_daemon_SOURCES = tests/test-unixctl-daemon.c
tests_test_unixctl_daemon_LDADD = lib/libopenvswitch.la

EXTRA_DIST += tests/testsuite.sh tests/lib.sh $(TESTSUITE_AT) \
	tests/flow-oracle.py \
	tests/odp-actions.expected \
	tests/odp-actions.txt \
	tests/odp-keys.expected \
	tests/odp-keys.txt \
	tests/odp-packets.expected \
	tests/odp-packets.txt \
	tests/ofp-actions-bad.expected \
	tests/ofp-actions-bad.txt \
	tests/ofp-actions-flows.expected \
	tests/ofp-actions-flows.txt \
	tests/ofp-actions-wire.expected \
	tests/ofp-actions-wire.txt \
	tests/ofp-match-bad-flows.expected \
	tests/ofp-match-bad-flows.txt \
	tests/ofp-match-flows.expected \
	tests/ofp-match-flows.txt \
	tests/ofproto-vlan-matrix.txt \
	tests/ovs-vsctl-scenario.txt \
	tests/ovsdb-server-idl.py \
	tests/ovsdb-server-rpc.py \
	tests/peer-vswitchd.sh \
	tests/vtep-ctl-scenario.txt
TESTSUITE_AT = \
	tests/appctl.at \
	tests/classifier.at \
	tests/daemon.at \
	tests/dpif-netdev.at \
	tests/flow.at \
	tests/json.at \
	tests/netdev.at \
	tests/odp.at \
	tests/ofp-actions.at \
	tests/ofp-match.at \
	tests/ofproto.at \
	tests/ovs-vsctl.at \
	tests/ovsdb-client.at \
	tests/ovsdb-condition.at \
	tests/ovsdb-crash.at \
	tests/ovsdb-execute.at \
	tests/ovsdb-idl.at \
	tests/ovsdb-log.at \
	tests/ovsdb-schema.at \
	tests/ovsdb-server.at \
	tests/ovsdb-tool.at \
	tests/schemas.at \
	tests/style.at \
	tests/vswitchd.at \
	tests/vtep-ctl.at

# "make check" runs everything; TESTSUITEFLAGS passes options and patterns,
# e.g. make check TESTSUITEFLAGS='-j4 hmap/'.
check-local: $(check_PROGRAMS) $(bin_PROGRAMS) $(sbin_PROGRAMS)
	srcdir='$(abs_top_srcdir)' builddir='$(abs_top_builddir)' \
	$(SHELL) '$(abs_top_srcdir)/tests/testsuite.sh' $(TESTSUITEFLAGS)

clean-local:
	rm -rf tests/testsuite.dir
