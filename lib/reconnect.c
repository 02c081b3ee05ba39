/* reconnect.c: see reconnect.h. */
#include <config.h>
#include "reconnect.h"

#include <stdio.h>
#include <stdlib.h>
#include "poll-loop.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(reconnect);

/* States, with the names that stats report. */
#define RECONNECT_STATES                        \
    STATE(VOID)                                 \
    STATE(BACKOFF)                              \
    STATE(CONNECTING)                           \
    STATE(LISTENING)                            \
    STATE(ACTIVE)                               \
    STATE(IDLE)                                 \
    STATE(RECONNECT)

enum state {
#define STATE(NAME) S_##NAME,
    RECONNECT_STATES
#undef STATE
};

static const char *const state_names[] = {
#define STATE(NAME) #NAME,
    RECONNECT_STATES
#undef STATE
};

struct reconnect {
    /* Configuration. */
    char *name;
    int min_backoff;
    int max_backoff;
    int probe_interval;         /* 0 disables probing. */
    unsigned int max_tries;     /* Attempts left; UINT_MAX: unlimited. */
    unsigned int backoff_free_tries; /* Failures left that skip backoff,
                                      * plus one. */
    bool passive;
    bool quiet;                 /* Log INFO events at DBG level? */

    /* State. */
    enum state state;
    long long int state_entered;
    int backoff;                /* Wait in BACKOFF, ms. */
    long long int last_activity;
    long long int last_connected;    /* LLONG_MAX if never. */
    long long int last_disconnected; /* LLONG_MAX if never. */
    long long int last_receive_attempt; /* LLONG_MAX: not tracked. */
    int last_error;

    /* Statistics. */
    long long int creation_time;
    unsigned int seqno;
    unsigned int n_attempted_connections;
    unsigned int n_successful_connections;
    unsigned long long int total_connected_duration; /* Closed
                                                      * connections. */

    /* The latest events' descriptions: event number N (counting from 1)
     * is in events[(N - 1) % N_EVENTS] while N > n_events - N_EVENTS. */
#define N_EVENTS 8
    char *events[N_EVENTS];
    unsigned int n_events;

    enum state prev_state;      /* State before the current one. */
    bool suppressing;           /* Backoff reached the maximum: INFO events
                                 * go to DBG until the next connection. */
};

static void set_event(struct reconnect *, enum vlog_level,
                      const char *format, ...)
    OVS_PRINTF_FORMAT(3, 4);

static bool
is_connected_state(enum state state)
{
    return state == S_ACTIVE || state == S_IDLE;
}

/* Records an event and logs it at LEVEL, as upstream does: INFO becomes
 * DBG for a quiet machine (a server's side of a connection) and while the
 * backoff is at its maximum. */
static void
set_event(struct reconnect *fsm, enum vlog_level level,
          const char *format, ...)
{
    char **slot = &fsm->events[fsm->n_events % N_EVENTS];
    va_list args;

    free(*slot);
    va_start(args, format);
    *slot = xvasprintf(format, args);
    va_end(args);
    fsm->n_events++;

    if (level == VLL_INFO && (fsm->quiet || fsm->suppressing)) {
        level = VLL_DBG;
    }
    VLOG(level, "%s", *slot);
}

static void
transition(struct reconnect *fsm, long long int now, enum state state)
{
    if (fsm->state == S_CONNECTING) {
        fsm->n_attempted_connections++;
    }
    if (is_connected_state(fsm->state) != is_connected_state(state)) {
        if (is_connected_state(fsm->state)) {
            fsm->total_connected_duration += now - fsm->last_connected;
            fsm->last_disconnected = now;
        }
        fsm->seqno++;
    }
    fsm->prev_state = fsm->state;
    fsm->state = state;
    fsm->state_entered = now;
    VLOG_DBG("%s: entering %s", fsm->name, state_names[state]);
}

/* Consumes one try; returns false if there are none left, in which case
 * the machine must go to VOID. */
static bool
may_retry(struct reconnect *fsm)
{
    if (fsm->max_tries == UINT_MAX) {
        return true;
    } else if (fsm->max_tries > 0) {
        fsm->max_tries--;
        return true;
    }
    return false;
}

struct reconnect *
reconnect_create(long long int now)
{
    struct reconnect *fsm = xzalloc(sizeof *fsm);

    fsm->name = xstrdup("void");
    fsm->min_backoff = RECONNECT_DEFAULT_MIN_BACKOFF;
    fsm->max_backoff = RECONNECT_DEFAULT_MAX_BACKOFF;
    fsm->probe_interval = RECONNECT_DEFAULT_PROBE_INTERVAL;
    fsm->max_tries = UINT_MAX;
    fsm->state = S_VOID;
    fsm->state_entered = now;
    fsm->last_activity = now;
    fsm->last_connected = LLONG_MAX;
    fsm->last_disconnected = LLONG_MAX;
    fsm->last_receive_attempt = LLONG_MAX;
    fsm->creation_time = now;
    return fsm;
}

void
reconnect_destroy(struct reconnect *fsm)
{
    if (fsm) {
        size_t i;

        free(fsm->name);
        for (i = 0; i < N_EVENTS; i++) {
            free(fsm->events[i]);
        }
        free(fsm);
    }
}

void
reconnect_set_name(struct reconnect *fsm, const char *name)
{
    free(fsm->name);
    fsm->name = xstrdup(name ? name : "void");
}

const char *
reconnect_get_name(const struct reconnect *fsm)
{
    return fsm->name;
}

void
reconnect_set_quiet(struct reconnect *fsm, bool quiet)
{
    fsm->quiet = quiet;
}

void
reconnect_set_backoff(struct reconnect *fsm, int min_backoff,
                      int max_backoff)
{
    fsm->min_backoff = (min_backoff > 0 ? min_backoff
                        : RECONNECT_DEFAULT_MIN_BACKOFF);
    fsm->max_backoff = (max_backoff > 0 ? max_backoff
                        : RECONNECT_DEFAULT_MAX_BACKOFF);
    if (fsm->min_backoff > fsm->max_backoff) {
        fsm->max_backoff = fsm->min_backoff;
    }
    if (fsm->state == S_BACKOFF && fsm->backoff > fsm->max_backoff) {
        fsm->backoff = fsm->max_backoff;
    }
}

void
reconnect_set_min_backoff(struct reconnect *fsm, int min_backoff)
{
    reconnect_set_backoff(fsm, min_backoff, fsm->max_backoff);
}

void
reconnect_set_max_backoff(struct reconnect *fsm, int max_backoff)
{
    reconnect_set_backoff(fsm, fsm->min_backoff, max_backoff);
}

int
reconnect_get_min_backoff(const struct reconnect *fsm)
{
    return fsm->min_backoff;
}

int
reconnect_get_max_backoff(const struct reconnect *fsm)
{
    return fsm->max_backoff;
}

void
reconnect_set_probe_interval(struct reconnect *fsm, int probe_interval)
{
    fsm->probe_interval = probe_interval > 0 ? MAX(1000, probe_interval) : 0;
}

int
reconnect_get_probe_interval(const struct reconnect *fsm)
{
    return fsm->probe_interval;
}

void
reconnect_set_max_tries(struct reconnect *fsm, unsigned int max_tries)
{
    fsm->max_tries = max_tries;
}

unsigned int
reconnect_get_max_tries(const struct reconnect *fsm)
{
    return fsm->max_tries;
}

void
reconnect_set_backoff_free_tries(struct reconnect *fsm,
                                 unsigned int backoff_free_tries)
{
    fsm->backoff_free_tries = backoff_free_tries;
}

void
reconnect_set_passive(struct reconnect *fsm, bool passive,
                      long long int now)
{
    if (fsm->passive != passive) {
        fsm->passive = passive;
        /* An attempt of the other kind is pointless now: start over. */
        if (fsm->state == S_CONNECTING || fsm->state == S_LISTENING) {
            fsm->backoff = 0;
            transition(fsm, now, S_BACKOFF);
        }
    }
}

bool
reconnect_is_passive(const struct reconnect *fsm)
{
    return fsm->passive;
}

void
reconnect_enable(struct reconnect *fsm, long long int now)
{
    if (fsm->state == S_VOID && may_retry(fsm)) {
        fsm->backoff = 0;
        transition(fsm, now, S_BACKOFF);
    }
}

void
reconnect_disable(struct reconnect *fsm, long long int now)
{
    if (fsm->state != S_VOID) {
        transition(fsm, now, S_VOID);
    }
}

bool
reconnect_is_enabled(const struct reconnect *fsm)
{
    return fsm->state != S_VOID;
}

void
reconnect_force_reconnect(struct reconnect *fsm, long long int now)
{
    if (fsm->state == S_CONNECTING || fsm->state == S_LISTENING
        || is_connected_state(fsm->state)) {
        transition(fsm, now, S_RECONNECT);
    }
}

void
reconnect_connecting(struct reconnect *fsm, long long int now)
{
    if (fsm->state != S_CONNECTING) {
        set_event(fsm, VLL_INFO, "%s: %s...", fsm->name,
                  fsm->passive ? "listening" : "connecting");
        transition(fsm, now, S_CONNECTING);
    }
}

void
reconnect_listening(struct reconnect *fsm, long long int now)
{
    if (fsm->state != S_LISTENING) {
        set_event(fsm, VLL_INFO, "%s: listening...", fsm->name);
        transition(fsm, now, S_LISTENING);
    }
}

void
reconnect_connected(struct reconnect *fsm, long long int now)
{
    if (!is_connected_state(fsm->state)) {
        reconnect_connecting(fsm, now);
        fsm->suppressing = false;
        set_event(fsm, VLL_INFO, "%s: connected", fsm->name);
        transition(fsm, now, S_ACTIVE);
        fsm->last_connected = now;
        fsm->last_activity = now;
        fsm->n_successful_connections++;
        fsm->last_error = 0;
    }
}

/* Chooses the wait before the next attempt, after a connection or an
 * attempt ended in state FROM.  As upstream does, only a wait that grows
 * is logged, and reaching the maximum is logged once, after which the
 * attempts are logged at DBG level. */
static void
update_backoff(struct reconnect *fsm, enum state from)
{
    const char *what = fsm->passive ? "trying to listen again" : "reconnect";

    if (fsm->backoff_free_tries > 1) {
        fsm->backoff_free_tries--;
        fsm->backoff = 0;
    } else if (is_connected_state(from)
               && fsm->last_activity - fsm->last_connected >= fsm->backoff) {
        /* The connection was good for a while: the trouble is new. */
        fsm->backoff = fsm->passive ? 0 : fsm->min_backoff;
    } else if (fsm->backoff < fsm->min_backoff) {
        fsm->backoff = fsm->min_backoff;
    } else if (fsm->backoff < fsm->max_backoff / 2) {
        fsm->backoff *= 2;
        set_event(fsm, VLL_INFO, "%s: waiting %.3g seconds before %s",
                  fsm->name, fsm->backoff / 1000.0, what);
    } else {
        if (fsm->backoff < fsm->max_backoff) {
            set_event(fsm, VLL_INFO, "%s: continuing to %s in the "
                      "background but suppressing further logging",
                      fsm->name, what);
            fsm->suppressing = true;
        }
        fsm->backoff = fsm->max_backoff;
    }
}

void
reconnect_disconnected(struct reconnect *fsm, long long int now, int error)
{
    enum state from = fsm->state;

    if (from == S_BACKOFF || from == S_VOID) {
        return;
    }
    if (from == S_RECONNECT) {
        /* Judge the backoff by what the client was doing before it was
         * told to disconnect. */
        from = fsm->prev_state;
    }

    fsm->last_error = error;
    if (is_connected_state(from)) {
        if (error == EOF) {
            set_event(fsm, VLL_INFO, "%s: connection closed by peer",
                      fsm->name);
        } else if (error) {
            set_event(fsm, VLL_WARN, "%s: connection dropped (%s)",
                      fsm->name, ovs_strerror(error));
        } else {
            set_event(fsm, VLL_INFO, "%s: connection dropped", fsm->name);
        }
    } else if (from == S_LISTENING) {
        set_event(fsm, VLL_WARN, "%s: error listening for connections (%s)",
                  fsm->name, ovs_retval_to_string(error));
    } else if (from == S_CONNECTING) {
        set_event(fsm, VLL_INFO, "%s: connection attempt failed (%s)",
                  fsm->name, ovs_retval_to_string(error));
    }

    update_backoff(fsm, from);
    if (!may_retry(fsm)) {
        set_event(fsm, VLL_INFO, "%s: giving up after too many attempts",
                  fsm->name);
        transition(fsm, now, S_VOID);
        return;
    }
    transition(fsm, now, S_BACKOFF);
}

void
reconnect_connect_failed(struct reconnect *fsm, long long int now, int error)
{
    if (fsm->state == S_BACKOFF) {
        /* The client did not report the attempt: count it anyway. */
        reconnect_connecting(fsm, now);
    }
    reconnect_disconnected(fsm, now, error);
}

void
reconnect_listen_error(struct reconnect *fsm, long long int now, int error)
{
    if (fsm->passive) {
        if (fsm->state == S_BACKOFF) {
            reconnect_listening(fsm, now);
        }
        reconnect_disconnected(fsm, now, error);
    }
}

void
reconnect_activity(struct reconnect *fsm, long long int now)
{
    if (fsm->state == S_IDLE) {
        transition(fsm, now, S_ACTIVE);
    }
    fsm->last_activity = now;
}

void
reconnect_receive_attempted(struct reconnect *fsm, long long int now)
{
    fsm->last_receive_attempt = now;
}

/* When the current state's time runs out, or LLONG_MAX if never. */
static long long int
deadline(const struct reconnect *fsm)
{
    switch (fsm->state) {
    case S_VOID:
    case S_LISTENING:
        return LLONG_MAX;

    case S_BACKOFF:
        return fsm->state_entered + fsm->backoff;

    case S_CONNECTING:
        return fsm->state_entered + MAX(1000, fsm->backoff);

    case S_ACTIVE:
        if (fsm->probe_interval) {
            long long int base = MAX(fsm->last_activity, fsm->state_entered);
            return base + fsm->probe_interval;
        }
        return LLONG_MAX;

    case S_IDLE:
        return (fsm->probe_interval
                ? fsm->state_entered + fsm->probe_interval
                : LLONG_MAX);

    case S_RECONNECT:
        return fsm->state_entered;
    }
    OVS_NOT_REACHED();
}

enum reconnect_action
reconnect_run(struct reconnect *fsm, long long int now)
{
    long long int when = deadline(fsm);

    if (now < when) {
        return 0;
    }

    switch (fsm->state) {
    case S_VOID:
    case S_LISTENING:
        return 0;

    case S_BACKOFF:
        return RECONNECT_CONNECT;

    case S_CONNECTING:
        return RECONNECT_DISCONNECT;

    case S_ACTIVE:
        if (fsm->last_receive_attempt < when) {
            /* We have not looked for input since the deadline: maybe the
             * peer did answer. */
            return 0;
        }
        set_event(fsm, VLL_DBG, "%s: idle %lld seconds, sending inactivity "
                  "probe", fsm->name,
                  (now - MAX(fsm->last_activity, fsm->state_entered))
                  / 1000);
        transition(fsm, now, S_IDLE);
        return RECONNECT_PROBE;

    case S_IDLE:
        if (fsm->last_receive_attempt < when) {
            return 0;
        }
        set_event(fsm, VLL_ERR, "%s: no response to inactivity probe after "
                  "%.3g seconds, disconnecting",
                  fsm->name, (now - fsm->state_entered) / 1000.0);
        transition(fsm, now, S_RECONNECT);
        return RECONNECT_DISCONNECT;

    case S_RECONNECT:
        return RECONNECT_DISCONNECT;
    }
    OVS_NOT_REACHED();
}

void
reconnect_wait(struct reconnect *fsm, long long int now)
{
    int timeout = reconnect_timeout(fsm, now);

    if (timeout != INT_MAX) {
        poll_timer_wait(timeout);
    }
}

int
reconnect_timeout(struct reconnect *fsm, long long int now)
{
    long long int when = deadline(fsm);

    if (when == LLONG_MAX) {
        return INT_MAX;
    } else if (when <= now) {
        return 0;
    } else {
        long long int msec = when - now;
        return msec < INT_MAX ? msec : INT_MAX - 1;
    }
}

bool
reconnect_is_connected(const struct reconnect *fsm)
{
    return is_connected_state(fsm->state);
}

static unsigned int
elapsed(long long int now, long long int since)
{
    if (since == LLONG_MAX) {
        return UINT_MAX;
    } else if (now <= since) {
        return 0;
    } else {
        long long int msec = now - since;
        return msec < UINT_MAX ? msec : UINT_MAX - 1;
    }
}

unsigned int
reconnect_get_last_connect_elapsed(const struct reconnect *fsm,
                                   long long int now)
{
    return elapsed(now, fsm->last_connected);
}

unsigned int
reconnect_get_last_disconnect_elapsed(const struct reconnect *fsm,
                                      long long int now)
{
    return elapsed(now, fsm->last_disconnected);
}

unsigned int
reconnect_get_n_events(const struct reconnect *fsm)
{
    return fsm->n_events;
}

const char *
reconnect_get_event(const struct reconnect *fsm, unsigned int n)
{
    if (n < 1 || n > fsm->n_events
        || fsm->n_events - n >= N_EVENTS) {
        return NULL;
    }
    return fsm->events[(n - 1) % N_EVENTS];
}

const char *
reconnect_state_name(const struct reconnect *fsm)
{
    return state_names[fsm->state];
}

unsigned int
reconnect_get_seqno(const struct reconnect *fsm)
{
    return fsm->seqno;
}

void
reconnect_get_stats(const struct reconnect *fsm, long long int now,
                    struct reconnect_stats *stats)
{
    stats->creation_time = fsm->creation_time;
    stats->last_activity = fsm->last_activity;
    stats->last_connected = fsm->last_connected;
    stats->last_disconnected = fsm->last_disconnected;
    stats->backoff = fsm->backoff;
    stats->last_error = fsm->last_error;
    stats->seqno = fsm->seqno;
    stats->is_connected = reconnect_is_connected(fsm);
    stats->msec_since_connect = elapsed(now, fsm->last_connected);
    stats->msec_since_disconnect = elapsed(now, fsm->last_disconnected);
    stats->total_connected_duration = fsm->total_connected_duration;
    if (stats->is_connected) {
        stats->total_connected_duration += now - fsm->last_connected;
    }
    stats->n_attempted_connections = fsm->n_attempted_connections;
    stats->n_successful_connections = fsm->n_successful_connections;
    stats->state = reconnect_state_name(fsm);
    stats->state_elapsed = elapsed(now, fsm->state_entered);
}
