/* ovs-thread.c: see ovs-thread.h. */
#include <config.h>
#include "ovs-thread.h"

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Reports that FUNCTION, called at WHERE, failed with ERROR, and aborts. */
static void OVS_NO_RETURN
thread_abort(const char *function, const char *where, int error)
{
    fprintf(stderr, "%s: %s failed at %s (%s)\n",
            ovs_get_program_name(), function, where, ovs_strerror(error));
    fflush(stderr);
    abort();
}

/* Calls pthread function FUNCTION with ARGS and aborts on failure. */
#define XPTHREAD(FUNCTION, WHERE, ...)                      \
    do {                                                    \
        int error__ = FUNCTION(__VA_ARGS__);                \
        if (OVS_UNLIKELY(error__)) {                        \
            thread_abort(#FUNCTION, WHERE, error__);        \
        }                                                   \
    } while (0)

static const char unlocked[] = "<unlocked>";

static void
set_where(const char **wherep, const char *where)
{
    __atomic_store_n(wherep, where, __ATOMIC_RELAXED);
}

/* Mutexes. */

static void
mutex_init(struct ovs_mutex *mutex, int type)
{
    pthread_mutexattr_t attr;

    mutex->where = unlocked;
    XPTHREAD(pthread_mutexattr_init, OVS_SOURCE_LOCATOR, &attr);
    XPTHREAD(pthread_mutexattr_settype, OVS_SOURCE_LOCATOR, &attr, type);
    XPTHREAD(pthread_mutex_init, OVS_SOURCE_LOCATOR, &mutex->lock, &attr);
    pthread_mutexattr_destroy(&attr);
}

void
ovs_mutex_init(struct ovs_mutex *mutex)
{
    /* Error-checking mutexes catch unlocking a mutex the caller does not
     * hold and relocking one it does, at little cost. */
    mutex_init(mutex, PTHREAD_MUTEX_ERRORCHECK);
}

void
ovs_mutex_init_recursive(struct ovs_mutex *mutex)
{
    mutex_init(mutex, PTHREAD_MUTEX_RECURSIVE);
}

void
ovs_mutex_destroy(struct ovs_mutex *mutex)
{
    XPTHREAD(pthread_mutex_destroy, mutex->where, &mutex->lock);
    mutex->where = NULL;
}

void
ovs_mutex_lock_at(struct ovs_mutex *mutex, const char *where)
{
    if (OVS_UNLIKELY(!mutex->where)) {
        thread_abort("ovs_mutex_lock", where, EINVAL);
    }
    XPTHREAD(pthread_mutex_lock, where, &mutex->lock);
    set_where(&mutex->where, where);
}

int
ovs_mutex_trylock_at(struct ovs_mutex *mutex, const char *where)
{
    int error;

    if (OVS_UNLIKELY(!mutex->where)) {
        thread_abort("ovs_mutex_trylock", where, EINVAL);
    }
    error = pthread_mutex_trylock(&mutex->lock);
    if (!error) {
        set_where(&mutex->where, where);
    } else if (error != EBUSY) {
        thread_abort("pthread_mutex_trylock", where, error);
    }
    return error;
}

void
ovs_mutex_unlock(struct ovs_mutex *mutex)
{
    const char *where = mutex->where;

    if (OVS_UNLIKELY(!where)) {
        thread_abort("ovs_mutex_unlock", "<destroyed mutex>", EINVAL);
    }
    set_where(&mutex->where, unlocked);
    XPTHREAD(pthread_mutex_unlock, where, &mutex->lock);
}

void
ovs_mutex_cond_wait(pthread_cond_t *cond, struct ovs_mutex *mutex)
{
    const char *where = mutex->where;

    set_where(&mutex->where, unlocked);
    XPTHREAD(pthread_cond_wait, where, cond, &mutex->lock);
    set_where(&mutex->where, where);
}

/* Readers-writer locks. */

void
ovs_rwlock_init(struct ovs_rwlock *rwlock)
{
    pthread_rwlockattr_t attr;

    rwlock->where = unlocked;
    XPTHREAD(pthread_rwlockattr_init, OVS_SOURCE_LOCATOR, &attr);
    XPTHREAD(pthread_rwlockattr_setkind_np, OVS_SOURCE_LOCATOR, &attr,
             PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
    XPTHREAD(pthread_rwlock_init, OVS_SOURCE_LOCATOR, &rwlock->lock, &attr);
    pthread_rwlockattr_destroy(&attr);
}

void
ovs_rwlock_destroy(struct ovs_rwlock *rwlock)
{
    XPTHREAD(pthread_rwlock_destroy, rwlock->where, &rwlock->lock);
    rwlock->where = NULL;
}

void
ovs_rwlock_rdlock_at(struct ovs_rwlock *rwlock, const char *where)
{
    if (OVS_UNLIKELY(!rwlock->where)) {
        thread_abort("ovs_rwlock_rdlock", where, EINVAL);
    }
    XPTHREAD(pthread_rwlock_rdlock, where, &rwlock->lock);
    set_where(&rwlock->where, where);
}

void
ovs_rwlock_wrlock_at(struct ovs_rwlock *rwlock, const char *where)
{
    if (OVS_UNLIKELY(!rwlock->where)) {
        thread_abort("ovs_rwlock_wrlock", where, EINVAL);
    }
    XPTHREAD(pthread_rwlock_wrlock, where, &rwlock->lock);
    set_where(&rwlock->where, where);
}

static int
rwlock_try(int (*fn)(pthread_rwlock_t *), const char *name,
           struct ovs_rwlock *rwlock, const char *where)
{
    int error;

    if (OVS_UNLIKELY(!rwlock->where)) {
        thread_abort(name, where, EINVAL);
    }
    error = fn(&rwlock->lock);
    if (!error) {
        set_where(&rwlock->where, where);
    } else if (error != EBUSY) {
        thread_abort(name, where, error);
    }
    return error;
}

int
ovs_rwlock_tryrdlock_at(struct ovs_rwlock *rwlock, const char *where)
{
    return rwlock_try(pthread_rwlock_tryrdlock, "pthread_rwlock_tryrdlock",
                      rwlock, where);
}

int
ovs_rwlock_trywrlock_at(struct ovs_rwlock *rwlock, const char *where)
{
    return rwlock_try(pthread_rwlock_trywrlock, "pthread_rwlock_trywrlock",
                      rwlock, where);
}

void
ovs_rwlock_unlock(struct ovs_rwlock *rwlock)
{
    const char *where = rwlock->where;

    if (OVS_UNLIKELY(!where)) {
        thread_abort("ovs_rwlock_unlock", "<destroyed rwlock>", EINVAL);
    }
    set_where(&rwlock->where, unlocked);
    XPTHREAD(pthread_rwlock_unlock, where, &rwlock->lock);
}

/* Condition variables. */

void
xpthread_cond_init(pthread_cond_t *cond)
{
    XPTHREAD(pthread_cond_init, OVS_SOURCE_LOCATOR, cond, NULL);
}

void
xpthread_cond_destroy(pthread_cond_t *cond)
{
    XPTHREAD(pthread_cond_destroy, OVS_SOURCE_LOCATOR, cond);
}

void
xpthread_cond_signal(pthread_cond_t *cond)
{
    XPTHREAD(pthread_cond_signal, OVS_SOURCE_LOCATOR, cond);
}

void
xpthread_cond_broadcast(pthread_cond_t *cond)
{
    XPTHREAD(pthread_cond_broadcast, OVS_SOURCE_LOCATOR, cond);
}

/* Threads. */

/* Long enough for any name we give; longer names are truncated. */
#define SUBPROGRAM_NAME_SIZE 64
static __thread char subprogram_name[SUBPROGRAM_NAME_SIZE];

const char *
get_subprogram_name(void)
{
    return subprogram_name;
}

void
set_subprogram_name(const char *name)
{
    char kernel_name[16];

    ovs_strlcpy(subprogram_name, name, sizeof subprogram_name);
    if (name[0]) {
        ovs_strlcpy(kernel_name, name, sizeof kernel_name);
        pthread_setname_np(pthread_self(), kernel_name);
    }
}

struct thread_aux {
    void *(*start)(void *);
    void *arg;
    char name[SUBPROGRAM_NAME_SIZE];
};

static void *
thread_main(void *aux_)
{
    struct thread_aux aux = *(struct thread_aux *) aux_;

    free(aux_);
    set_subprogram_name(aux.name);
    return aux.start(aux.arg);
}

pthread_t
ovs_thread_create(const char *name, void *(*start)(void *), void *arg)
{
    static unsigned int next_id = 1;
    struct thread_aux *aux;
    pthread_t thread;
    unsigned int id;

    id = __atomic_fetch_add(&next_id, 1, __ATOMIC_RELAXED);
    aux = xmalloc(sizeof *aux);
    aux->start = start;
    aux->arg = arg;
    snprintf(aux->name, sizeof aux->name, "%s%u", name, id);
    XPTHREAD(pthread_create, OVS_SOURCE_LOCATOR, &thread, NULL,
             thread_main, aux);
    return thread;
}

void
xpthread_join(pthread_t thread, void **retval)
{
    XPTHREAD(pthread_join, OVS_SOURCE_LOCATOR, thread, retval);
}

/* Run-once initialization. */

bool
ovsthread_once_start__(struct ovsthread_once *once)
{
    ovs_mutex_lock(&once->mutex);
    if (__atomic_load_n(&once->done, __ATOMIC_ACQUIRE)) {
        ovs_mutex_unlock(&once->mutex);
        return false;
    }
    return true;
}

void
ovsthread_once_done(struct ovsthread_once *once)
{
    __atomic_store_n(&once->done, true, __ATOMIC_RELEASE);
    ovs_mutex_unlock(&once->mutex);
}

/* CPUs. */

int
count_cpu_cores(void)
{
    static struct ovsthread_once once = OVSTHREAD_ONCE_INITIALIZER;
    static int n_cores;

    if (ovsthread_once_start(&once)) {
        cpu_set_t set;
        long n = -1;

        if (!sched_getaffinity(0, sizeof set, &set)) {
            n = CPU_COUNT(&set);
        }
        if (n <= 0) {
            n = sysconf(_SC_NPROCESSORS_ONLN);
        }
        n_cores = n > 0 ? n : 1;
        ovsthread_once_done(&once);
    }
    return n_cores;
}
