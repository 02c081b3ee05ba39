/* dirs.h: where Open vSwitch keeps its run-time files.
 *
 * Each function returns a directory name: the value of an environment
 * variable when it is set and non-empty, otherwise the default chosen at
 * configure time.  Tests point every daemon at a private directory this
 * way, so that nothing touches system paths.
 *
 *   ovs_rundir()      OVS_RUNDIR      pidfiles, control sockets
 *   ovs_dbdir()       OVS_DBDIR       databases (see below)
 *   ovs_logdir()      OVS_LOGDIR      log files
 *   ovs_sysconfdir()  OVS_SYSCONFDIR  system configuration
 *   ovs_pkgdatadir()  OVS_PKGDATADIR  schemas and scripts
 *   ovs_bindir()      OVS_BINDIR      programs
 *
 * ovs_dbdir() is OVS_DBDIR if set, else "$OVS_SYSCONFDIR/openvswitch" if
 * OVS_SYSCONFDIR is set, else the configured default.
 *
 * Memory: the returned strings are owned by this module and stay valid
 * until the program exits; callers must not free them.  The environment
 * is read once, on the first call of each function, so later changes to
 * it are not seen.
 *
 * Thread safety: all functions may be called from any thread. */
#ifndef DIRS_H
#define DIRS_H 1

const char *ovs_rundir(void);
const char *ovs_dbdir(void);
const char *ovs_logdir(void);
const char *ovs_sysconfdir(void);
const char *ovs_pkgdatadir(void);
const char *ovs_bindir(void);

#endif /* dirs.h */
