# utilities/: the command-line tools.

bin_PROGRAMS += utilities/ovs-appctl
utilities_ovs_appctl_SOURCES = utilities/ovs-appctl.c
utilities_ovs_appctl_LDADD = lib/libopenvswitch.la
dist_man_MANS += utilities/ovs-appctl.8
