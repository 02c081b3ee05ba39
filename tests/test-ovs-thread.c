/* Unit tests for lib/ovs-thread.h and lib/latch.h, with real threads. */
#include <config.h>
#include "ovs-thread.h"
#include <errno.h>
#include <sys/wait.h>
#include <unistd.h>
#include "latch.h"
#include "ovstest.h"
#include "poll-loop.h"
#include "timeval.h"

#define N_THREADS 4

/* Mutex: increments from several threads are not lost. */

struct counter {
    struct ovs_mutex mutex;
    long long int value;
};

static void *
count_up(void *counter_)
{
    struct counter *counter = counter_;
    int i;

    for (i = 0; i < 100000; i++) {
        ovs_mutex_lock(&counter->mutex);
        counter->value++;
        ovs_mutex_unlock(&counter->mutex);
    }
    return NULL;
}

static void
test_thread_mutex(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct counter counter;
    pthread_t threads[N_THREADS];
    int i;

    ovs_mutex_init(&counter.mutex);
    counter.value = 0;
    for (i = 0; i < N_THREADS; i++) {
        threads[i] = ovs_thread_create("counter", count_up, &counter);
    }
    for (i = 0; i < N_THREADS; i++) {
        xpthread_join(threads[i], NULL);
    }
    CHECK_INT(counter.value, N_THREADS * 100000LL);
    CHECK_STR(counter.mutex.where, "<unlocked>");
    ovs_mutex_lock(&counter.mutex);
    CHECK(strstr(counter.mutex.where, "test-ovs-thread.c:") != NULL);
    ovs_mutex_unlock(&counter.mutex);
    ovs_mutex_destroy(&counter.mutex);
}
OVSTEST_REGISTER("ovs-thread/mutex", test_thread_mutex);

/* Trylock reports EBUSY while another thread holds the lock. */

struct handoff {
    struct ovs_mutex mutex;     /* The lock being tested. */
    struct latch locked;        /* Set by the thread once it holds it. */
    struct latch release;       /* Set by the main thread to let go. */
};

static void *
hold_lock(void *h_)
{
    struct handoff *h = h_;

    ovs_mutex_lock(&h->mutex);
    latch_set(&h->locked);
    while (!latch_poll(&h->release)) {
        latch_wait(&h->release);
        poll_block();
    }
    ovs_mutex_unlock(&h->mutex);
    return NULL;
}

static void
test_thread_trylock(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    static struct ovs_mutex static_mutex = OVS_MUTEX_INITIALIZER;
    struct ovs_mutex recursive;
    struct handoff h;
    pthread_t thread;

    ovs_mutex_init(&h.mutex);
    latch_init(&h.locked);
    latch_init(&h.release);
    thread = ovs_thread_create("holder", hold_lock, &h);
    while (!latch_poll(&h.locked)) {
        latch_wait(&h.locked);
        poll_block();
    }
    CHECK_INT(ovs_mutex_trylock(&h.mutex), EBUSY);
    latch_set(&h.release);
    xpthread_join(thread, NULL);
    CHECK_INT(ovs_mutex_trylock(&h.mutex), 0);
    ovs_mutex_unlock(&h.mutex);
    ovs_mutex_destroy(&h.mutex);
    latch_destroy(&h.locked);
    latch_destroy(&h.release);

    ovs_mutex_lock(&static_mutex);
    ovs_mutex_unlock(&static_mutex);

    ovs_mutex_init_recursive(&recursive);
    ovs_mutex_lock(&recursive);
    CHECK_INT(ovs_mutex_trylock(&recursive), 0);
    ovs_mutex_unlock(&recursive);
    ovs_mutex_unlock(&recursive);
    ovs_mutex_destroy(&recursive);
}
OVSTEST_REGISTER("ovs-thread/trylock-recursive", test_thread_trylock);

/* Misuse aborts with a message that names the source line. */
static void
test_thread_abort_on_misuse(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    char buf[512];
    int fds[2];
    pid_t pid;
    int status;
    ssize_t n;

    CHECK(!pipe(fds));
    pid = fork();
    CHECK(pid >= 0);
    if (!pid) {
        struct ovs_mutex mutex;

        dup2(fds[1], STDERR_FILENO);
        ovs_mutex_init(&mutex);
        ovs_mutex_lock(&mutex);
        ovs_mutex_lock(&mutex);     /* Deadlock: must abort. */
        _exit(0);
    }
    close(fds[1]);
    n = read(fds[0], buf, sizeof buf - 1);
    CHECK(n > 0);
    buf[n] = '\0';
    CHECK(waitpid(pid, &status, 0) == pid);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
    CHECK(strstr(buf, "pthread_mutex_lock failed at ") != NULL);
    CHECK(strstr(buf, "test-ovs-thread.c:") != NULL);
    CHECK(strstr(buf, "deadlock") != NULL
          || strstr(buf, "Deadlock") != NULL);
    close(fds[0]);
}
OVSTEST_REGISTER("ovs-thread/abort-on-misuse", test_thread_abort_on_misuse);

/* Readers-writer lock: readers never see a half-done update. */

struct pair {
    struct ovs_rwlock rwlock;
    long long int a, b;         /* Always equal outside the write lock. */
    bool stop;
    long long int reads;
};

static void *
write_pair(void *p_)
{
    struct pair *p = p_;
    int i;

    for (i = 0; i < 20000; i++) {
        ovs_rwlock_wrlock(&p->rwlock);
        p->a++;
        p->b++;
        ovs_rwlock_unlock(&p->rwlock);
    }
    return NULL;
}

static void *
read_pair(void *p_)
{
    struct pair *p = p_;
    long long int reads = 0;

    for (;;) {
        bool stop;

        ovs_rwlock_rdlock(&p->rwlock);
        CHECK(p->a == p->b);
        stop = p->stop;
        ovs_rwlock_unlock(&p->rwlock);
        reads++;
        if (stop) {
            break;
        }
    }
    __atomic_add_fetch(&p->reads, reads, __ATOMIC_RELAXED);
    return NULL;
}

static void
test_thread_rwlock(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    pthread_t writers[2], readers[2];
    struct pair p;
    int i;

    ovs_rwlock_init(&p.rwlock);
    p.a = p.b = p.reads = 0;
    p.stop = false;
    for (i = 0; i < 2; i++) {
        readers[i] = ovs_thread_create("reader", read_pair, &p);
        writers[i] = ovs_thread_create("writer", write_pair, &p);
    }
    for (i = 0; i < 2; i++) {
        xpthread_join(writers[i], NULL);
    }
    ovs_rwlock_wrlock(&p.rwlock);
    p.stop = true;
    CHECK_INT(ovs_rwlock_tryrdlock(&p.rwlock), EBUSY);
    ovs_rwlock_unlock(&p.rwlock);
    for (i = 0; i < 2; i++) {
        xpthread_join(readers[i], NULL);
    }
    CHECK_INT(p.a, 40000);
    CHECK(p.reads >= 2);

    CHECK_INT(ovs_rwlock_tryrdlock(&p.rwlock), 0);
    CHECK_INT(ovs_rwlock_tryrdlock(&p.rwlock), 0);
    CHECK_INT(ovs_rwlock_trywrlock(&p.rwlock), EBUSY);
    ovs_rwlock_unlock(&p.rwlock);
    ovs_rwlock_unlock(&p.rwlock);
    CHECK_INT(ovs_rwlock_trywrlock(&p.rwlock), 0);
    ovs_rwlock_unlock(&p.rwlock);
    ovs_rwlock_destroy(&p.rwlock);
}
OVSTEST_REGISTER("ovs-thread/rwlock", test_thread_rwlock);

/* Thread names. */

static void *
report_name(void *name_)
{
    char *name = name_;
    char kernel_name[16];

    ovs_strlcpy(name, get_subprogram_name(), 64);
    CHECK(!pthread_getname_np(pthread_self(), kernel_name,
                              sizeof kernel_name));
    CHECK(!strncmp(kernel_name, name, 15));
    return NULL;
}

static void
test_thread_names(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    char name1[64], name2[64];
    unsigned int id1, id2;
    char junk;

    CHECK_STR(get_subprogram_name(), "");
    xpthread_join(ovs_thread_create("namer", report_name, name1), NULL);
    xpthread_join(ovs_thread_create("a-very-long-thread-name", report_name,
                                    name2), NULL);
    CHECK(sscanf(name1, "namer%u%c", &id1, &junk) == 1);
    CHECK(sscanf(name2, "a-very-long-thread-name%u%c", &id2, &junk) == 1);
    CHECK(id2 > id1);
    CHECK_STR(get_subprogram_name(), "");
}
OVSTEST_REGISTER("ovs-thread/names", test_thread_names);

/* ovsthread_once: exactly one initialization, visible to everyone. */

static struct ovsthread_once race_once = OVSTHREAD_ONCE_INITIALIZER;
static int n_inits;
static int init_value;
static struct latch go;

static void *
race_init(void *ok_)
{
    bool *ok = ok_;

    while (!latch_is_set(&go)) {
        latch_wait(&go);
        poll_block();
    }
    if (ovsthread_once_start(&race_once)) {
        __atomic_add_fetch(&n_inits, 1, __ATOMIC_RELAXED);
        usleep(10000);          /* Make the others wait for us. */
        init_value = 42;
        ovsthread_once_done(&race_once);
    }
    *ok = init_value == 42;
    return NULL;
}

static void
test_thread_once(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    pthread_t threads[8];
    bool ok[8];
    int i;

    latch_init(&go);
    for (i = 0; i < 8; i++) {
        threads[i] = ovs_thread_create("once", race_init, &ok[i]);
    }
    latch_set(&go);
    for (i = 0; i < 8; i++) {
        xpthread_join(threads[i], NULL);
        CHECK(ok[i]);
    }
    CHECK_INT(n_inits, 1);
    CHECK(!ovsthread_once_start(&race_once));
    latch_destroy(&go);

    CHECK(count_cpu_cores() >= 1);
    CHECK_INT(count_cpu_cores(), count_cpu_cores());
}
OVSTEST_REGISTER("ovs-thread/once", test_thread_once);

/* Condition variables. */

struct mailbox {
    struct ovs_mutex mutex;
    pthread_cond_t cond;
    int value;
};

static void *
post(void *box_)
{
    struct mailbox *box = box_;

    usleep(20000);
    ovs_mutex_lock(&box->mutex);
    box->value = 7;
    xpthread_cond_signal(&box->cond);
    ovs_mutex_unlock(&box->mutex);
    return NULL;
}

static void
test_thread_cond(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct mailbox box;
    pthread_t thread;

    ovs_mutex_init(&box.mutex);
    xpthread_cond_init(&box.cond);
    box.value = 0;
    thread = ovs_thread_create("poster", post, &box);
    ovs_mutex_lock(&box.mutex);
    while (!box.value) {
        ovs_mutex_cond_wait(&box.cond, &box.mutex);
    }
    CHECK(strstr(box.mutex.where, "test-ovs-thread.c:") != NULL);
    ovs_mutex_unlock(&box.mutex);
    CHECK_INT(box.value, 7);
    xpthread_join(thread, NULL);
    xpthread_cond_broadcast(&box.cond);
    xpthread_cond_destroy(&box.cond);
    ovs_mutex_destroy(&box.mutex);
}
OVSTEST_REGISTER("ovs-thread/cond", test_thread_cond);

/* Latch: another thread's latch_set() wakes our poll loop. */

static void *
set_later(void *latch_)
{
    usleep(50000);
    latch_set(latch_);
    return NULL;
}

static void
test_latch(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct latch latch;
    long long int start;
    pthread_t thread;
    int i;

    latch_init(&latch);
    CHECK(!latch_is_set(&latch));
    CHECK(!latch_poll(&latch));

    /* Set twice, cleared by one poll. */
    latch_set(&latch);
    latch_set(&latch);
    CHECK(latch_is_set(&latch));
    CHECK(latch_is_set(&latch));    /* Looking does not clear it. */
    CHECK(latch_poll(&latch));
    CHECK(!latch_is_set(&latch));
    CHECK(!latch_poll(&latch));

    /* Setting it many times does not block even when the pipe fills. */
    for (i = 0; i < 100000; i++) {
        latch_set(&latch);
    }
    CHECK(latch_poll(&latch));
    CHECK(!latch_is_set(&latch));

    /* A set latch wakes poll_block() at once. */
    latch_set(&latch);
    start = time_msec();
    latch_wait(&latch);
    poll_timer_wait(10000);
    poll_block();
    CHECK(time_msec() - start < 5000);
    CHECK(latch_poll(&latch));

    /* Another thread wakes us. */
    thread = ovs_thread_create("setter", set_later, &latch);
    start = time_msec();
    latch_wait(&latch);
    poll_timer_wait(10000);
    poll_block();
    CHECK(time_msec() - start < 5000);
    CHECK(latch_poll(&latch));
    xpthread_join(thread, NULL);
    latch_destroy(&latch);
}
OVSTEST_REGISTER("latch/wakeup", test_latch);
