/* ovs-thread.h: threads and the locks they share.
 *
 * Control code runs single-threaded event loops; threads exist only where
 * they pay (datapath and upcall handling).  This module makes the little
 * threading we do hard to get wrong:
 *
 *   - struct ovs_mutex and struct ovs_rwlock wrap the pthread locks.  Any
 *     pthread error (locking a destroyed mutex, unlocking one that is not
 *     held, deadlock detected by the library) is a bug in our code, so it
 *     aborts at once with a message naming the source line, instead of
 *     returning an error that nobody checks.  Each lock records where it
 *     was last acquired ('where'), which a debugger or a hang report can
 *     show.  Only the try-lock functions return an error (EBUSY).
 *
 *   - ovs_thread_create() starts a thread that has a name: the kernel sees
 *     it (pthread_setname_np(), so "top -H" and gdb show it), and so does
 *     get_subprogram_name(), which logging uses to say which thread wrote a
 *     line.  The main thread's subprogram name is "".
 *
 *   - struct ovsthread_once runs initialization exactly once, with a
 *     fast path of a single atomic load once it is done:
 *
 *         static struct ovsthread_once once = OVSTHREAD_ONCE_INITIALIZER;
 *
 *         if (ovsthread_once_start(&once)) {
 *             ...initialize...
 *             ovsthread_once_done(&once);
 *         }
 *
 * All functions here are thread-safe. */
#ifndef OVS_THREAD_H
#define OVS_THREAD_H 1

#include <pthread.h>
#include <stdbool.h>
#include "util.h"

/* Mutual exclusion lock. */
struct ovs_mutex {
    pthread_mutex_t lock;
    const char *where;          /* Where last locked, or "<unlocked>". */
};

#define OVS_MUTEX_INITIALIZER \
    { PTHREAD_ERRORCHECK_MUTEX_INITIALIZER_NP, "<unlocked>" }
#define OVS_RECURSIVE_MUTEX_INITIALIZER \
    { PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP, "<unlocked>" }

void ovs_mutex_init(struct ovs_mutex *);
/* A recursive mutex may be locked again by the thread that holds it; it is
 * released when unlocked as many times as it was locked. */
void ovs_mutex_init_recursive(struct ovs_mutex *);
void ovs_mutex_destroy(struct ovs_mutex *);
void ovs_mutex_lock_at(struct ovs_mutex *, const char *where);
/* Returns 0 if it took the lock, EBUSY if another thread holds it. */
int ovs_mutex_trylock_at(struct ovs_mutex *, const char *where)
    OVS_WARN_UNUSED_RESULT;
void ovs_mutex_unlock(struct ovs_mutex *);
/* Waits on COND, releasing MUTEX (which the caller holds) meanwhile. */
void ovs_mutex_cond_wait(pthread_cond_t *cond, struct ovs_mutex *);

#define ovs_mutex_lock(MUTEX) ovs_mutex_lock_at(MUTEX, OVS_SOURCE_LOCATOR)
#define ovs_mutex_trylock(MUTEX) \
    ovs_mutex_trylock_at(MUTEX, OVS_SOURCE_LOCATOR)

/* Readers-writer lock.  Writers are preferred over new readers, so a
 * steady stream of readers cannot starve a writer. */
struct ovs_rwlock {
    pthread_rwlock_t lock;
    const char *where;          /* Where last locked, or "<unlocked>". */
};

void ovs_rwlock_init(struct ovs_rwlock *);
void ovs_rwlock_destroy(struct ovs_rwlock *);
void ovs_rwlock_rdlock_at(struct ovs_rwlock *, const char *where);
void ovs_rwlock_wrlock_at(struct ovs_rwlock *, const char *where);
int ovs_rwlock_tryrdlock_at(struct ovs_rwlock *, const char *where)
    OVS_WARN_UNUSED_RESULT;
int ovs_rwlock_trywrlock_at(struct ovs_rwlock *, const char *where)
    OVS_WARN_UNUSED_RESULT;
void ovs_rwlock_unlock(struct ovs_rwlock *);

#define ovs_rwlock_rdlock(RW) ovs_rwlock_rdlock_at(RW, OVS_SOURCE_LOCATOR)
#define ovs_rwlock_wrlock(RW) ovs_rwlock_wrlock_at(RW, OVS_SOURCE_LOCATOR)
#define ovs_rwlock_tryrdlock(RW) \
    ovs_rwlock_tryrdlock_at(RW, OVS_SOURCE_LOCATOR)
#define ovs_rwlock_trywrlock(RW) \
    ovs_rwlock_trywrlock_at(RW, OVS_SOURCE_LOCATOR)

/* Condition variables, aborting on error like the locks. */
void xpthread_cond_init(pthread_cond_t *);
void xpthread_cond_destroy(pthread_cond_t *);
void xpthread_cond_signal(pthread_cond_t *);
void xpthread_cond_broadcast(pthread_cond_t *);

/* Starts a thread running START(ARG).  The thread is named NAME followed
 * by a process-wide sequence number starting at 1 ("handler1",
 * "revalidator2", ...), which becomes its subprogram name and, truncated to
 * 15 bytes, its kernel name.  Aborts if the thread cannot be created. */
pthread_t ovs_thread_create(const char *name, void *(*start)(void *),
                            void *arg);
/* Waits for THREAD to exit; aborts on error (e.g. joining twice). */
void xpthread_join(pthread_t thread, void **retval);

/* The calling thread's name: "" in the main thread.  The string stays
 * valid until the thread exits or calls set_subprogram_name(). */
const char *get_subprogram_name(void);
void set_subprogram_name(const char *name);

/* Run-once initialization (see the comment at the top). */
struct ovsthread_once {
    bool done;                  /* Set, with release, when done. */
    struct ovs_mutex mutex;     /* Held by the initializing thread. */
};

#define OVSTHREAD_ONCE_INITIALIZER { false, OVS_MUTEX_INITIALIZER }

bool ovsthread_once_start__(struct ovsthread_once *);

/* Returns true if the caller must now initialize and then call
 * ovsthread_once_done(); false if that has already been done (by this
 * thread or, with the result visible, by another one). */
static inline bool
ovsthread_once_start(struct ovsthread_once *once)
{
    return OVS_UNLIKELY(!__atomic_load_n(&once->done, __ATOMIC_ACQUIRE)
                        && ovsthread_once_start__(once));
}

void ovsthread_once_done(struct ovsthread_once *);

/* Number of CPU cores this process may run on (at least 1). */
int count_cpu_cores(void);

#endif /* ovs-thread.h */
