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

# ovsdb-idlc turns a schema (plus an annotation file naming the C prefix)
# into the typed C interface of the IDL; it runs at build time.
EXTRA_DIST += ovsdb/ovsdb-idlc.in
OVSDB_IDLC = $(PYTHON3) $(srcdir)/ovsdb/ovsdb-idlc.in
