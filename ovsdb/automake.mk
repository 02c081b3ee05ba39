# ovsdb/: the database server's parts.  libovsdb.la holds what
# ovsdb-server, ovsdb-tool and the tests share.

noinst_LTLIBRARIES += ovsdb/libovsdb.la
ovsdb_libovsdb_la_CPPFLAGS = $(AM_CPPFLAGS) $(LIBCRYPTO_CFLAGS)
ovsdb_libovsdb_la_LIBADD = $(LIBCRYPTO_LIBS)
ovsdb_libovsdb_la_SOURCES = \
	ovsdb/column.c \
	ovsdb/column.h \
	ovsdb/condition.h \
	ovsdb/execution.h \
	ovsdb/log.c \
	ovsdb/log.h \
	ovsdb/mutation.h \
	ovsdb/ovsdb.c \
	ovsdb/ovsdb.h \
	ovsdb/row.c \
	ovsdb/row.h \
	ovsdb/table.c \
	ovsdb/table.h \
	ovsdb/transaction.h

bin_PROGRAMS += ovsdb/ovsdb-client
ovsdb_ovsdb_client_SOURCES = ovsdb/ovsdb-client.c
ovsdb_ovsdb_client_LDADD = ovsdb/libovsdb.la lib/libopenvswitch.la
dist_man_MANS += ovsdb/ovsdb-client.1
