# vtep/: the hardware_vtep database schema and its tools.

dist_pkgdata_DATA += vtep/vtep.ovsschema

bin_PROGRAMS += vtep/vtep-ctl
vtep_vtep_ctl_SOURCES = vtep/vtep-ctl.c
vtep_vtep_ctl_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_builddir)/vtep
vtep_vtep_ctl_LDADD = lib/libopenvswitch.la
dist_man_MANS += vtep/vtep-ctl.8
