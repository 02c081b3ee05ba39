/* Unit tests for lib/dirs.h.  Each test runs in a fresh process, so each
 * can set the environment before the first call reads it. */
#include <config.h>
#include "dirs.h"
#include <stdlib.h>
#include "ovstest.h"

static void
clear_env(void)
{
    static const char *const vars[] = {
        "OVS_RUNDIR", "OVS_DBDIR", "OVS_LOGDIR", "OVS_SYSCONFDIR",
        "OVS_PKGDATADIR", "OVS_BINDIR",
    };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(vars); i++) {
        unsetenv(vars[i]);
    }
}

static void
test_dirs_env(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    clear_env();
    setenv("OVS_RUNDIR", "/r", 1);
    setenv("OVS_DBDIR", "/d", 1);
    setenv("OVS_LOGDIR", "/l", 1);
    setenv("OVS_SYSCONFDIR", "/s", 1);
    setenv("OVS_PKGDATADIR", "/p", 1);
    setenv("OVS_BINDIR", "/b", 1);
    CHECK_STR(ovs_rundir(), "/r");
    CHECK_STR(ovs_dbdir(), "/d");
    CHECK_STR(ovs_logdir(), "/l");
    CHECK_STR(ovs_sysconfdir(), "/s");
    CHECK_STR(ovs_pkgdatadir(), "/p");
    CHECK_STR(ovs_bindir(), "/b");

    /* Read once: later changes are not seen. */
    setenv("OVS_RUNDIR", "/other", 1);
    CHECK_STR(ovs_rundir(), "/r");
}
OVSTEST_REGISTER("dirs/env", test_dirs_env);

static void
test_dirs_defaults(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    clear_env();
    setenv("OVS_RUNDIR", "", 1);        /* Empty counts as unset. */
    CHECK_STR(ovs_rundir(), OVS_DEFAULT_RUNDIR);
    CHECK_STR(ovs_dbdir(), OVS_DEFAULT_DBDIR);
    CHECK_STR(ovs_logdir(), OVS_DEFAULT_LOGDIR);
    CHECK_STR(ovs_sysconfdir(), OVS_DEFAULT_SYSCONFDIR);
    CHECK_STR(ovs_pkgdatadir(), OVS_DEFAULT_PKGDATADIR);
    CHECK_STR(ovs_bindir(), OVS_DEFAULT_BINDIR);
}
OVSTEST_REGISTER("dirs/defaults", test_dirs_defaults);

static void
test_dirs_dbdir_sysconf(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    clear_env();
    setenv("OVS_SYSCONFDIR", "/etc2", 1);
    CHECK_STR(ovs_dbdir(), "/etc2/openvswitch");
    CHECK_STR(ovs_sysconfdir(), "/etc2");
}
OVSTEST_REGISTER("dirs/dbdir-from-sysconfdir", test_dirs_dbdir_sysconf);
