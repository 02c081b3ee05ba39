# ovsdb/: the database server's parts.  libovsdb.la holds what
# ovsdb-server, ovsdb-tool and the tests share.

noinst_LTLIBRARIES += ovsdb/libovsdb.la
ovsdb_libovsdb_la_CPPFLAGS = $(AM_CPPFLAGS) $(LIBCRYPTO_CFLAGS)
ovsdb_libovsdb_la_LIBADD = $(LIBCRYPTO_LIBS)
ovsdb_libovsdb_la_SOURCES = \
	ovsdb/column.c \
	ovsdb/column.h \
	ovsdb/condition.c \
	ovsdb/condition.h \
	ovsdb/execution.c \
	ovsdb/execution.h \
	ovsdb/file.c \
	ovsdb/file.h \
	ovsdb/jsonrpc-server.c \
	ovsdb/jsonrpc-server.h \
	ovsdb/log.c \
	ovsdb/log.h \
	ovsdb/monitor.c \
	ovsdb/monitor.h \
	ovsdb/mutation.c \
	ovsdb/mutation.h \
	ovsdb/ovsdb.c \
	ovsdb/ovsdb.h \
	ovsdb/row.c \
	ovsdb/row.h \
	ovsdb/server.c \
	ovsdb/server.h \
	ovsdb/table.c \
	ovsdb/table.h \
	ovsdb/transaction.c \
	ovsdb/transaction.h \
	ovsdb/trigger.c \
	ovsdb/trigger.h

bin_PROGRAMS += ovsdb/ovsdb-tool
ovsdb_ovsdb_tool_SOURCES = ovsdb/ovsdb-tool.c
ovsdb_ovsdb_tool_LDADD = ovsdb/libovsdb.la lib/libopenvswitch.la
dist_man_MANS += ovsdb/ovsdb-tool.1

sbin_PROGRAMS += ovsdb/ovsdb-server
ovsdb_ovsdb_server_SOURCES = ovsdb/ovsdb-server.c
ovsdb_ovsdb_server_LDADD = ovsdb/libovsdb.la lib/libopenvswitch.la
dist_man_MANS += ovsdb/ovsdb-server.1

bin_PROGRAMS += ovsdb/ovsdb-client
ovsdb_ovsdb_client_SOURCES = ovsdb/ovsdb-client.c
ovsdb_ovsdb_client_LDADD = ovsdb/libovsdb.la lib/libopenvswitch.la
dist_man_MANS += ovsdb/ovsdb-client.1

# ovsdb-idlc turns a schema (plus an annotation file naming the C prefix)
# into the typed C interface of the IDL; it runs at build time.
EXTRA_DIST += ovsdb/ovsdb-idlc.in
OVSDB_IDLC = $(PYTHON3) $(srcdir)/ovsdb/ovsdb-idlc.in
