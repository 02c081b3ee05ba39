# ovsdb/: the database server's parts.  libovsdb.la holds what
# ovsdb-server, ovsdb-tool and the tests share.

noinst_LTLIBRARIES += ovsdb/libovsdb.la
ovsdb_libovsdb_la_CPPFLAGS = $(AM_CPPFLAGS) $(LIBCRYPTO_CFLAGS)
ovsdb_libovsdb_la_LIBADD = $(LIBCRYPTO_LIBS)
ovsdb_libovsdb_la_SOURCES = \
	ovsdb/log.c \
	ovsdb/log.h
