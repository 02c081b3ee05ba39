/* reconnect.h: when to connect, probe, and give up on a connection.
 *
 * A struct reconnect is a finite-state machine that tells a client of an
 * unreliable connection (a JSON-RPC session, an OpenFlow controller
 * connection) what to do next.  It does no I/O and reads no clock: every
 * function that needs the time takes it as 'now' (milliseconds, as from
 * time_msec()), so tests can drive it with synthetic time.
 *
 * The client tells the machine what happened (reconnect_connecting(),
 * reconnect_connected(), reconnect_connect_failed(),
 * reconnect_disconnected(), reconnect_activity()), and on each pass through
 * its main loop calls reconnect_run(), which returns what to do now:
 *
 *   RECONNECT_CONNECT: start connecting (or, if passive, listening), then
 *       report the outcome.
 *   RECONNECT_DISCONNECT: close the connection (an attempt timed out, the
 *       peer stopped answering, or a reconnect was forced), then call
 *       reconnect_disconnected() or reconnect_connect_failed().
 *   RECONNECT_PROBE: the connection has been idle for the probe interval:
 *       send something that needs an answer (a JSON-RPC "echo").
 *   0: nothing.
 *
 * and reconnect_wait() so that poll_block() wakes in time for the next
 * action.
 *
 * States:
 *
 *   VOID: not enabled; nothing happens until reconnect_enable().
 *   BACKOFF: waiting 'backoff' ms before the next attempt.  The wait is 0
 *       after reconnect_enable(), and after a failure grows from the
 *       minimum backoff, doubling each time, up to the maximum.  After a
 *       connection that lasted (with activity) at least as long as the
 *       current backoff, it starts again from the minimum.
 *   CONNECTING: an attempt is in progress; it times out after
 *       MAX(1000 ms, backoff).
 *   LISTENING: passive only: listening for connections; no timeout.
 *   ACTIVE: connected, and the peer has been heard from within the probe
 *       interval.
 *   IDLE: connected, silent for a probe interval; a probe was asked for.
 *       Activity returns to ACTIVE; another probe interval of silence asks
 *       for a DISCONNECT.
 *   RECONNECT: the client must drop the connection (reconnect_run()
 *       returns RECONNECT_DISCONNECT until it reports the disconnection).
 *
 * A probe interval of 0 disables probing.  max_tries limits how many times
 * the machine asks to connect; when they are used up, a failure returns it
 * to VOID instead of BACKOFF.
 *
 * Logging: each notable event is logged (module "reconnect") with
 * upstream's words and levels: INFO for "tcp:1.2.3.4:6640: connecting...",
 * "...: connected", "...: connection attempt failed (Connection
 * refused)", "...: connection closed by peer" and "...: waiting 2 seconds
 * before reconnect" (only a wait that grew is logged; reaching the
 * maximum backoff logs "...: continuing to reconnect in the background but
 * suppressing further logging", after which INFO events go to DBG until
 * the next connection), WARN for "...: connection dropped (ERROR)" and
 * listening errors, ERR for an unanswered inactivity probe, DBG for
 * "...: entering STATE".  A quiet machine (reconnect_set_quiet(), for a
 * server's side of a connection) logs its INFO events at DBG level.  The
 * machine also keeps the descriptions of its latest events, numbered from
 * 1, for tests and status reports.
 *
 * Not thread-safe: each machine belongs to one thread. */
#ifndef RECONNECT_H
#define RECONNECT_H 1

#include <limits.h>
#include <stdbool.h>

struct reconnect;

#define RECONNECT_DEFAULT_MIN_BACKOFF 1000
#define RECONNECT_DEFAULT_MAX_BACKOFF 8000
#define RECONNECT_DEFAULT_PROBE_INTERVAL 5000

enum reconnect_action {
    RECONNECT_CONNECT = 1,
    RECONNECT_DISCONNECT,
    RECONNECT_PROBE
};

/* Creation: the machine starts in VOID with the defaults above, named
 * "void". */
struct reconnect *reconnect_create(long long int now);
void reconnect_destroy(struct reconnect *);

/* Configuration. */
void reconnect_set_name(struct reconnect *, const char *name);
const char *reconnect_get_name(const struct reconnect *);
/* A quiet machine logs its INFO events at DBG level. */
void reconnect_set_quiet(struct reconnect *, bool quiet);
/* Sets both backoff bounds; MIN_BACKOFF <= 0 selects the default minimum,
 * MAX_BACKOFF <= 0 the default maximum, and MAX_BACKOFF is raised to at
 * least MIN_BACKOFF. */
void reconnect_set_backoff(struct reconnect *, int min_backoff,
                           int max_backoff);
void reconnect_set_min_backoff(struct reconnect *, int min_backoff);
void reconnect_set_max_backoff(struct reconnect *, int max_backoff);
int reconnect_get_min_backoff(const struct reconnect *);
int reconnect_get_max_backoff(const struct reconnect *);
/* Sets the probe interval in ms; 0 disables probing, and other values
 * below 1000 are raised to 1000. */
void reconnect_set_probe_interval(struct reconnect *, int probe_interval);
int reconnect_get_probe_interval(const struct reconnect *);
/* UINT_MAX (the default) means unlimited. */
void reconnect_set_max_tries(struct reconnect *, unsigned int max_tries);
unsigned int reconnect_get_max_tries(const struct reconnect *);
/* The next N - 1 failures retry at once instead of backing off (useful
 * when trying several remotes in turn); 0 or 1 means always back off. */
void reconnect_set_backoff_free_tries(struct reconnect *,
                                      unsigned int backoff_free_tries);
/* A passive machine listens instead of connecting. */
void reconnect_set_passive(struct reconnect *, bool passive,
                           long long int now);
bool reconnect_is_passive(const struct reconnect *);

/* Enabling. */
void reconnect_enable(struct reconnect *, long long int now);
void reconnect_disable(struct reconnect *, long long int now);
bool reconnect_is_enabled(const struct reconnect *);
/* Drops the current connection or attempt and reconnects (after the
 * backoff). */
void reconnect_force_reconnect(struct reconnect *, long long int now);

/* Events.  ERROR is a positive errno value, EOF for a clean close by the
 * peer, or 0 if unknown. */
void reconnect_connecting(struct reconnect *, long long int now);
void reconnect_connected(struct reconnect *, long long int now);
void reconnect_connect_failed(struct reconnect *, long long int now,
                              int error);
void reconnect_listening(struct reconnect *, long long int now);
void reconnect_listen_error(struct reconnect *, long long int now,
                            int error);
void reconnect_disconnected(struct reconnect *, long long int now,
                            int error);
/* Something was received from the peer. */
void reconnect_activity(struct reconnect *, long long int now);
/* The client tried to receive (whether or not anything came).  Once a
 * client has called this, the machine declares a connection idle only
 * after the client has tried to receive since the deadline passed, so that
 * a client too busy to read does not blame its peer. */
void reconnect_receive_attempted(struct reconnect *, long long int now);

/* Main loop. */
enum reconnect_action reconnect_run(struct reconnect *, long long int now);
void reconnect_wait(struct reconnect *, long long int now);
/* Milliseconds until reconnect_run() will have something to do (0 if it
 * has now), or INT_MAX if nothing is scheduled. */
int reconnect_timeout(struct reconnect *, long long int now);

/* Queries. */
bool reconnect_is_connected(const struct reconnect *);
/* Milliseconds since the last successful connection or since the last
 * disconnection, or UINT_MAX if there has been none. */
unsigned int reconnect_get_last_connect_elapsed(const struct reconnect *,
                                                long long int now);
unsigned int reconnect_get_last_disconnect_elapsed(const struct reconnect *,
                                                   long long int now);
/* Number of events so far, and the description of event N (1 is the
 * first), or NULL if there is no such event or it is so old that it was
 * forgotten (only the last 8 are kept).  The string stays valid until the
 * next call that changes the machine. */
unsigned int reconnect_get_n_events(const struct reconnect *);
const char *reconnect_get_event(const struct reconnect *, unsigned int n);
/* Name of a state, as reported in stats: "VOID", "BACKOFF", ... */
const char *reconnect_state_name(const struct reconnect *);

struct reconnect_stats {
    long long int creation_time;    /* When created. */
    long long int last_activity;    /* Last reconnect_activity(). */
    long long int last_connected;   /* Last connection, LLONG_MAX never. */
    long long int last_disconnected; /* Last disconnection, LLONG_MAX
                                      * never. */
    int backoff;                    /* Current backoff, ms. */
    int last_error;                 /* Last connect/disconnect error. */
    unsigned int seqno;             /* Changes at connect and disconnect. */
    bool is_connected;
    unsigned int msec_since_connect;    /* UINT_MAX if never. */
    unsigned int msec_since_disconnect; /* UINT_MAX if never. */
    unsigned long long int total_connected_duration;   /* ms. */
    unsigned int n_attempted_connections;
    unsigned int n_successful_connections;
    const char *state;              /* reconnect_state_name(). */
    unsigned int state_elapsed;     /* ms in the current state. */
};

void reconnect_get_stats(const struct reconnect *, long long int now,
                         struct reconnect_stats *);

/* Connection sequence number: changes whenever the connection is made or
 * lost, so that a client can tell that it must resynchronize. */
unsigned int reconnect_get_seqno(const struct reconnect *);

#endif /* reconnect.h */
