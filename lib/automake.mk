# lib/: the shared library everything else links with.

noinst_LTLIBRARIES += lib/libopenvswitch.la
lib_libopenvswitch_la_LIBADD = $(CAPNG_LIBS)
lib_libopenvswitch_la_SOURCES = \
	lib/compiler.h \
	lib/coverage.c \
	lib/coverage.h \
	lib/daemon.c \
	lib/daemon.h \
	lib/dirs.c \
	lib/dirs.h \
	lib/dynamic-string.c \
	lib/dynamic-string.h \
	lib/fatal-signal.c \
	lib/fatal-signal.h \
	lib/hash.c \
	lib/hash.h \
	lib/hmap.c \
	lib/hmap.h \
	lib/json.c \
	lib/json.h \
	lib/jsonrpc.c \
	lib/jsonrpc.h \
	lib/latch.c \
	lib/latch.h \
	lib/list.h \
	lib/ovs-thread.c \
	lib/ovs-thread.h \
	lib/poll-loop.c \
	lib/poll-loop.h \
	lib/random.c \
	lib/random.h \
	lib/reconnect.c \
	lib/reconnect.h \
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
	lib/timeval.c \
	lib/timeval.h \
	lib/unixctl.c \
	lib/unixctl.h \
	lib/util.c \
	lib/util.h \
	lib/uuid.c \
	lib/uuid.h \
	lib/vlog.c \
	lib/vlog.h
