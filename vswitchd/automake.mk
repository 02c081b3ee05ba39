# vswitchd/: the switch daemon and the Open_vSwitch database schema.

dist_pkgdata_DATA += vswitchd/vswitch.ovsschema

sbin_PROGRAMS += vswitchd/ovs-vswitchd
vswitchd_ovs_vswitchd_SOURCES = \
	vswitchd/bridge.c \
	vswitchd/bridge.h \
	vswitchd/ovs-vswitchd.c
vswitchd_ovs_vswitchd_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)
vswitchd_ovs_vswitchd_LDADD = ofproto/libofproto.la lib/libopenvswitch.la
dist_man_MANS += vswitchd/ovs-vswitchd.8
