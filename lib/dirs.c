/* dirs.c: see dirs.h. */
#include <config.h>
#include "dirs.h"

#include <pthread.h>
#include <stdlib.h>
#include "util.h"

#ifndef OVS_DEFAULT_RUNDIR
#define OVS_DEFAULT_RUNDIR "/var/run/openvswitch"
#endif
#ifndef OVS_DEFAULT_LOGDIR
#define OVS_DEFAULT_LOGDIR "/var/log/openvswitch"
#endif
#ifndef OVS_DEFAULT_DBDIR
#define OVS_DEFAULT_DBDIR "/etc/openvswitch"
#endif
#ifndef OVS_DEFAULT_SYSCONFDIR
#define OVS_DEFAULT_SYSCONFDIR "/etc"
#endif
#ifndef OVS_DEFAULT_PKGDATADIR
#define OVS_DEFAULT_PKGDATADIR "/usr/share/openvswitch"
#endif
#ifndef OVS_DEFAULT_BINDIR
#define OVS_DEFAULT_BINDIR "/usr/bin"
#endif

/* One lazily computed directory name. */
struct dir {
    pthread_once_t once;
    const char *var;            /* Environment variable that overrides. */
    const char *dflt;           /* Configure-time default. */
    const char *value;          /* Computed on first use. */
};

#define DIR_INITIALIZER(VAR, DFLT) { PTHREAD_ONCE_INIT, VAR, DFLT, NULL }

static struct dir rundir = DIR_INITIALIZER("OVS_RUNDIR", OVS_DEFAULT_RUNDIR);
static struct dir logdir = DIR_INITIALIZER("OVS_LOGDIR", OVS_DEFAULT_LOGDIR);
static struct dir sysconfdir = DIR_INITIALIZER("OVS_SYSCONFDIR",
                                               OVS_DEFAULT_SYSCONFDIR);
static struct dir pkgdatadir = DIR_INITIALIZER("OVS_PKGDATADIR",
                                               OVS_DEFAULT_PKGDATADIR);
static struct dir bindir = DIR_INITIALIZER("OVS_BINDIR", OVS_DEFAULT_BINDIR);

/* Returns the value of environment variable NAME if it is set and not
 * empty, otherwise NULL. */
static const char *
nonempty_getenv(const char *name)
{
    const char *value = getenv(name);

    return value && value[0] ? value : NULL;
}

static const char *
dir_get(struct dir *dir, void (*init)(void))
{
    pthread_once(&dir->once, init);
    return dir->value;
}

static void
dir_init(struct dir *dir)
{
    const char *value = nonempty_getenv(dir->var);

    dir->value = value ? xstrdup(value) : dir->dflt;
}

#define DIR_FUNCTION(NAME)                              \
    static void NAME##_init(void) { dir_init(&NAME); }  \
    const char *ovs_##NAME(void)                        \
    {                                                   \
        return dir_get(&NAME, NAME##_init);             \
    }

DIR_FUNCTION(rundir)
DIR_FUNCTION(logdir)
DIR_FUNCTION(sysconfdir)
DIR_FUNCTION(pkgdatadir)
DIR_FUNCTION(bindir)

static pthread_once_t dbdir_once = PTHREAD_ONCE_INIT;
static const char *dbdir;

static void
dbdir_init(void)
{
    const char *value = nonempty_getenv("OVS_DBDIR");

    if (value) {
        dbdir = xstrdup(value);
    } else if ((value = nonempty_getenv("OVS_SYSCONFDIR")) != NULL) {
        dbdir = xasprintf("%s/openvswitch", value);
    } else {
        dbdir = OVS_DEFAULT_DBDIR;
    }
}

const char *
ovs_dbdir(void)
{
    pthread_once(&dbdir_once, dbdir_init);
    return dbdir;
}
