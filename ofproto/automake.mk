# ofproto/: bridges' OpenFlow tables over shared datapaths, translation
# (NORMAL with VLANs), upcalls, revalidation and their appctl commands.
# ovs-vswitchd links libofproto.la.

noinst_LTLIBRARIES += ofproto/libofproto.la
ofproto_libofproto_la_SOURCES = \
	ofproto/ofproto-private.h \
	ofproto/ofproto-unixctl.c \
	ofproto/ofproto.c \
	ofproto/ofproto.h \
	ofproto/xlate.c \
	ofproto/xlate.h
