# lib/: the shared library everything else links with.

noinst_LTLIBRARIES += lib/libopenvswitch.la
lib_libopenvswitch_la_LIBADD = $(CAPNG_LIBS)
lib_libopenvswitch_la_SOURCES = \
	lib/bitmap.h \
	lib/byte-order.h \
	lib/classifier.c \
	lib/classifier.h \
	lib/compiler.h \
	lib/coverage.c \
	lib/coverage.h \
	lib/daemon.c \
	lib/daemon.h \
	lib/db-ctl-base.c \
	lib/db-ctl-base.h \
	lib/dirs.c \
	lib/dirs.h \
	lib/dp-packet.c \
	lib/dp-packet.h \
	lib/dpcls.c \
	lib/dpcls.h \
	lib/dpctl.c \
	lib/dpctl.h \
	lib/dpif-netdev.c \
	lib/dpif-provider.h \
	lib/dpif.c \
	lib/dpif.h \
	lib/dynamic-string.c \
	lib/dynamic-string.h \
	lib/emc.c \
	lib/emc.h \
	lib/fatal-signal.c \
	lib/fatal-signal.h \
	lib/flow.c \
	lib/flow.h \
	lib/hash.c \
	lib/hash.h \
	lib/hmap.c \
	lib/hmap.h \
	lib/json-order.c \
	lib/json-order.h \
	lib/json.c \
	lib/json.h \
	lib/jsonrpc.c \
	lib/jsonrpc.h \
	lib/latch.c \
	lib/latch.h \
	lib/list.h \
	lib/mac-learning.c \
	lib/mac-learning.h \
	lib/match.c \
	lib/match.h \
	lib/meta-flow.c \
	lib/meta-flow.def \
	lib/meta-flow.h \
	lib/netdev-dummy.c \
	lib/netdev-dummy.h \
	lib/netdev-linux.c \
	lib/netdev-provider.h \
	lib/netdev.c \
	lib/netdev.h \
	lib/netlink-socket.c \
	lib/netlink-socket.h \
	lib/netlink.c \
	lib/netlink.h \
	lib/nx-match.c \
	lib/nx-match.h \
	lib/odp-execute.c \
	lib/odp-execute.h \
	lib/odp-util.c \
	lib/odp-util.h \
	lib/ofp-actions-names.inc \
	lib/ofp-actions.c \
	lib/ofp-actions.h \
	lib/ofp-errors.c \
	lib/ofp-errors.def \
	lib/ofp-errors.h \
	lib/ofp-flow.c \
	lib/ofp-flow.h \
	lib/ofp-match.c \
	lib/ofp-match.h \
	lib/ofp-port.c \
	lib/ofp-port.h \
	lib/ofpbuf.c \
	lib/ofpbuf.h \
	lib/openflow.h \
	lib/ovs-thread.c \
	lib/ovs-thread.h \
	lib/ovsdb-data.c \
	lib/ovsdb-data.h \
	lib/ovsdb-error.c \
	lib/ovsdb-error.h \
	lib/ovsdb-idl-provider.h \
	lib/ovsdb-idl.c \
	lib/ovsdb-idl.h \
	lib/ovsdb-parser.c \
	lib/ovsdb-parser.h \
	lib/ovsdb-types.c \
	lib/ovsdb-types.h \
	lib/packets.c \
	lib/packets.h \
	lib/pcap-file.c \
	lib/pcap-file.h \
	lib/poll-loop.c \
	lib/poll-loop.h \
	lib/random.c \
	lib/random.h \
	lib/reconnect.c \
	lib/reconnect.h \
	lib/rtnetlink.c \
	lib/rtnetlink.h \
	lib/shash.c \
	lib/shash.h \
	lib/smap.c \
	lib/smap.h \
	lib/socket-util.c \
	lib/socket-util.h \
	lib/sset.c \
	lib/sset.h \
	lib/stream-fd.c \
	lib/stream-fd.h \
	lib/stream-provider.h \
	lib/stream-tcp.c \
	lib/stream-unix.c \
	lib/stream.c \
	lib/stream.h \
	lib/svec.c \
	lib/svec.h \
	lib/table-format.c \
	lib/table-format.h \
	lib/timeval.c \
	lib/timeval.h \
	lib/types.h \
	lib/unixctl.c \
	lib/unixctl.h \
	lib/util.c \
	lib/util.h \
	lib/uuid.c \
	lib/uuid.h \
	lib/vlog.c \
	lib/vlog.h

# The generated C interfaces of the Open_vSwitch and hardware_vtep
# databases (ovsdb/ovsdb-idlc.in).
nodist_lib_libopenvswitch_la_SOURCES = \
	lib/vswitch-idl.c \
	lib/vswitch-idl.h \
	vtep/vtep-idl.c \
	vtep/vtep-idl.h
BUILT_SOURCES += lib/vswitch-idl.h vtep/vtep-idl.h
CLEANFILES += \
	lib/vswitch-idl.c \
	lib/vswitch-idl.h \
	lib/vswitch-idl.ovsidl \
	vtep/vtep-idl.c \
	vtep/vtep-idl.h \
	vtep/vtep-idl.ovsidl
EXTRA_DIST += lib/vswitch-idl.ann vtep/vtep-idl.ann

lib/vswitch-idl.ovsidl: vswitchd/vswitch.ovsschema lib/vswitch-idl.ann \
		ovsdb/ovsdb-idlc.in
	$(AM_V_GEN)$(MKDIR_P) lib && $(OVSDB_IDLC) annotate \
		$(srcdir)/vswitchd/vswitch.ovsschema \
		$(srcdir)/lib/vswitch-idl.ann > $@.tmp && mv $@.tmp $@
lib/vswitch-idl.h: lib/vswitch-idl.ovsidl ovsdb/ovsdb-idlc.in
	$(AM_V_GEN)$(OVSDB_IDLC) c-idl-header lib/vswitch-idl.ovsidl \
		> $@.tmp && mv $@.tmp $@
lib/vswitch-idl.c: lib/vswitch-idl.ovsidl lib/vswitch-idl.h \
		ovsdb/ovsdb-idlc.in
	$(AM_V_GEN)$(OVSDB_IDLC) c-idl-source lib/vswitch-idl.ovsidl \
		> $@.tmp && mv $@.tmp $@

vtep/vtep-idl.ovsidl: vtep/vtep.ovsschema vtep/vtep-idl.ann \
		ovsdb/ovsdb-idlc.in
	$(AM_V_GEN)$(MKDIR_P) vtep && $(OVSDB_IDLC) annotate \
		$(srcdir)/vtep/vtep.ovsschema \
		$(srcdir)/vtep/vtep-idl.ann > $@.tmp && mv $@.tmp $@
vtep/vtep-idl.h: vtep/vtep-idl.ovsidl ovsdb/ovsdb-idlc.in
	$(AM_V_GEN)$(OVSDB_IDLC) c-idl-header vtep/vtep-idl.ovsidl \
		> $@.tmp && mv $@.tmp $@
vtep/vtep-idl.c: vtep/vtep-idl.ovsidl vtep/vtep-idl.h ovsdb/ovsdb-idlc.in
	$(AM_V_GEN)$(OVSDB_IDLC) c-idl-source vtep/vtep-idl.ovsidl \
		> $@.tmp && mv $@.tmp $@
