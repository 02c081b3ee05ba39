/* Unit tests for lib/reconnect.h: scenarios driven with synthetic time. */
#include <config.h>
#include "reconnect.h"
#include <errno.h>
#include "ovstest.h"
#include "poll-loop.h"
#include "timeval.h"

static struct reconnect *
create(long long int now)
{
    struct reconnect *fsm = reconnect_create(now);

    reconnect_set_name(fsm, "tcp:127.0.0.1:6640");
    return fsm;
}

static void
check_state(const struct reconnect *fsm, const char *state)
{
    CHECK_STR(reconnect_state_name(fsm), state);
}

static const char *
last_event(const struct reconnect *fsm)
{
    return reconnect_get_event(fsm, reconnect_get_n_events(fsm));
}

static void
test_reconnect_defaults(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct reconnect *fsm = reconnect_create(1000);
    struct reconnect_stats stats;

    CHECK_STR(reconnect_get_name(fsm), "void");
    CHECK_INT(reconnect_get_min_backoff(fsm), 1000);
    CHECK_INT(reconnect_get_max_backoff(fsm), 8000);
    CHECK_INT(reconnect_get_probe_interval(fsm), 5000);
    CHECK_INT(reconnect_get_max_tries(fsm), UINT_MAX);
    CHECK(!reconnect_is_passive(fsm));
    CHECK(!reconnect_is_enabled(fsm));
    check_state(fsm, "VOID");
    CHECK_INT(reconnect_run(fsm, 100000), 0);
    CHECK_INT(reconnect_timeout(fsm, 1000), INT_MAX);
    CHECK_INT(reconnect_get_n_events(fsm), 0);
    CHECK(reconnect_get_event(fsm, 1) == NULL);

    reconnect_get_stats(fsm, 3000, &stats);
    CHECK_INT(stats.creation_time, 1000);
    CHECK(!stats.is_connected);
    CHECK_INT(stats.msec_since_connect, UINT_MAX);
    CHECK_INT(stats.msec_since_disconnect, UINT_MAX);
    CHECK_INT(stats.n_attempted_connections, 0);
    CHECK_INT(stats.state_elapsed, 2000);
    CHECK_STR(stats.state, "VOID");

    /* Bounds are sanitized. */
    reconnect_set_backoff(fsm, 5000, 100);
    CHECK_INT(reconnect_get_min_backoff(fsm), 5000);
    CHECK_INT(reconnect_get_max_backoff(fsm), 5000);
    reconnect_set_backoff(fsm, 0, -1);
    CHECK_INT(reconnect_get_min_backoff(fsm), 1000);
    CHECK_INT(reconnect_get_max_backoff(fsm), 8000);
    reconnect_set_probe_interval(fsm, 10);
    CHECK_INT(reconnect_get_probe_interval(fsm), 1000);
    reconnect_set_probe_interval(fsm, 0);
    CHECK_INT(reconnect_get_probe_interval(fsm), 0);
    reconnect_destroy(fsm);
    reconnect_destroy(NULL);
}
OVSTEST_REGISTER("reconnect/defaults", test_reconnect_defaults);

static void
test_reconnect_connect(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct reconnect *fsm = create(0);
    struct reconnect_stats stats;

    /* Enabling asks to connect at once. */
    reconnect_enable(fsm, 0);
    check_state(fsm, "BACKOFF");
    CHECK_INT(reconnect_timeout(fsm, 0), 0);
    CHECK_INT(reconnect_run(fsm, 0), RECONNECT_CONNECT);
    reconnect_connecting(fsm, 0);
    check_state(fsm, "CONNECTING");
    CHECK_STR(last_event(fsm), "tcp:127.0.0.1:6640: connecting...");
    CHECK_INT(reconnect_run(fsm, 500), 0);
    CHECK_INT(reconnect_timeout(fsm, 500), 500);

    reconnect_connected(fsm, 500);
    check_state(fsm, "ACTIVE");
    CHECK(reconnect_is_connected(fsm));
    CHECK_STR(last_event(fsm), "tcp:127.0.0.1:6640: connected");
    CHECK_INT(reconnect_get_last_connect_elapsed(fsm, 1500), 1000);
    CHECK_INT(reconnect_get_seqno(fsm), 1);

    reconnect_get_stats(fsm, 2500, &stats);
    CHECK(stats.is_connected);
    CHECK_INT(stats.n_attempted_connections, 1);
    CHECK_INT(stats.n_successful_connections, 1);
    CHECK_INT(stats.total_connected_duration, 2000);
    CHECK_INT(stats.last_connected, 500);
    CHECK_INT(stats.msec_since_connect, 2000);
    CHECK_STR(stats.state, "ACTIVE");

    /* The peer closes it after a while. */
    reconnect_activity(fsm, 2000);
    reconnect_disconnected(fsm, 3000, EOF);
    check_state(fsm, "BACKOFF");
    CHECK(!reconnect_is_connected(fsm));
    CHECK_INT(reconnect_get_seqno(fsm), 2);
    CHECK_INT(reconnect_get_last_disconnect_elapsed(fsm, 3500), 500);
    /* Going back to the minimum backoff is not an event, as upstream. */
    CHECK_STR(last_event(fsm),
              "tcp:127.0.0.1:6640: connection closed by peer");

    /* The connection was healthy, so the wait is the minimum. */
    reconnect_get_stats(fsm, 3500, &stats);
    CHECK_INT(stats.backoff, 1000);
    CHECK_INT(stats.total_connected_duration, 2500);
    CHECK_INT(stats.last_error, EOF);
    CHECK_INT(reconnect_run(fsm, 3999), 0);
    CHECK_INT(reconnect_run(fsm, 4000), RECONNECT_CONNECT);

    reconnect_connected(fsm, 4100);
    CHECK_INT(reconnect_get_seqno(fsm), 3);
    reconnect_get_stats(fsm, 5100, &stats);
    CHECK_INT(stats.n_attempted_connections, 2);
    CHECK_INT(stats.n_successful_connections, 2);
    CHECK_INT(stats.total_connected_duration, 3500);

    reconnect_disable(fsm, 5100);
    check_state(fsm, "VOID");
    CHECK(!reconnect_is_enabled(fsm));
    CHECK_INT(reconnect_run(fsm, 100000), 0);
    reconnect_destroy(fsm);
}
OVSTEST_REGISTER("reconnect/connect-disconnect", test_reconnect_connect);

static void
test_reconnect_backoff(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    static const int expected[] = { 1000, 2000, 4000, 8000, 8000, 8000 };
    struct reconnect *fsm = create(0);
    struct reconnect_stats stats;
    long long int now = 0;
    size_t i;

    reconnect_enable(fsm, now);
    CHECK_INT(reconnect_run(fsm, now), RECONNECT_CONNECT);
    for (i = 0; i < ARRAY_SIZE(expected); i++) {
        reconnect_connecting(fsm, now);
        now += 10;
        reconnect_connect_failed(fsm, now, ECONNREFUSED);
        check_state(fsm, "BACKOFF");
        CHECK_INT(reconnect_timeout(fsm, now), expected[i]);
        CHECK_INT(reconnect_run(fsm, now + expected[i] - 1), 0);
        now += expected[i];
        CHECK_INT(reconnect_run(fsm, now), RECONNECT_CONNECT);
    }
    /* Each doubling is logged until the maximum, which is announced
     * once: ..., connecting, failed, "continuing", then connecting and
     * failed twice more. */
    CHECK_STR(last_event(fsm),
              "tcp:127.0.0.1:6640: connection attempt failed "
              "(Connection refused)");
    CHECK_STR(reconnect_get_event(fsm, reconnect_get_n_events(fsm) - 4),
              "tcp:127.0.0.1:6640: continuing to reconnect in the "
              "background but suppressing further logging");
    CHECK_STR(reconnect_get_event(fsm, reconnect_get_n_events(fsm) - 7),
              "tcp:127.0.0.1:6640: waiting 4 seconds before reconnect");
    reconnect_get_stats(fsm, now, &stats);
    CHECK_INT(stats.n_attempted_connections, ARRAY_SIZE(expected));
    CHECK_INT(stats.n_successful_connections, 0);
    CHECK_INT(stats.last_error, ECONNREFUSED);
    CHECK_INT(reconnect_get_seqno(fsm), 0);

    /* Only the last 8 events are kept. */
    CHECK(reconnect_get_n_events(fsm) > 8);
    CHECK(reconnect_get_event(fsm, 1) == NULL);
    CHECK(reconnect_get_event(fsm, reconnect_get_n_events(fsm) - 7));
    CHECK(!reconnect_get_event(fsm, reconnect_get_n_events(fsm) - 8));
    CHECK(!reconnect_get_event(fsm, reconnect_get_n_events(fsm) + 1));

    /* An attempt that hangs times out after the backoff (8 s). */
    reconnect_connecting(fsm, now);
    CHECK_INT(reconnect_run(fsm, now + 7999), 0);
    CHECK_INT(reconnect_run(fsm, now + 8000), RECONNECT_DISCONNECT);
    reconnect_connect_failed(fsm, now + 8000, ETIMEDOUT);
    CHECK_INT(reconnect_timeout(fsm, now + 8000), 8000);

    /* A short-lived connection without activity does not reset it. */
    now += 16000;
    reconnect_connected(fsm, now);
    reconnect_disconnected(fsm, now + 100, ECONNRESET);
    CHECK_INT(reconnect_timeout(fsm, now + 100), 8000);
    CHECK_STR(last_event(fsm),
              "tcp:127.0.0.1:6640: connection dropped "
              "(Connection reset by peer)");

    /* Smaller bounds take effect, including on the current wait. */
    reconnect_set_backoff(fsm, 100, 400);
    CHECK_INT(reconnect_timeout(fsm, now + 100), 400);
    reconnect_destroy(fsm);
}
OVSTEST_REGISTER("reconnect/backoff", test_reconnect_backoff);

static void
test_reconnect_connecting_timeout(int argc OVS_UNUSED,
                                  char *argv[] OVS_UNUSED)
{
    struct reconnect *fsm = create(0);

    /* With no backoff yet, an attempt gets 1 s. */
    reconnect_enable(fsm, 0);
    reconnect_connecting(fsm, 0);
    CHECK_INT(reconnect_timeout(fsm, 0), 1000);
    CHECK_INT(reconnect_run(fsm, 999), 0);
    CHECK_INT(reconnect_run(fsm, 1000), RECONNECT_DISCONNECT);
    reconnect_connect_failed(fsm, 1000, ETIMEDOUT);
    CHECK_STR(last_event(fsm),
              "tcp:127.0.0.1:6640: connection attempt failed "
              "(Connection timed out)");
    check_state(fsm, "BACKOFF");
    reconnect_destroy(fsm);
}
OVSTEST_REGISTER("reconnect/connecting-timeout",
                 test_reconnect_connecting_timeout);

static void
test_reconnect_probe(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct reconnect *fsm = create(0);
    struct reconnect_stats stats;

    reconnect_enable(fsm, 0);
    reconnect_connected(fsm, 0);

    /* Activity pushes the probe back. */
    CHECK_INT(reconnect_timeout(fsm, 0), 5000);
    reconnect_activity(fsm, 3000);
    CHECK_INT(reconnect_run(fsm, 5000), 0);
    CHECK_INT(reconnect_timeout(fsm, 5000), 3000);
    CHECK_INT(reconnect_run(fsm, 7999), 0);

    /* Five seconds of silence: probe. */
    CHECK_INT(reconnect_run(fsm, 8000), RECONNECT_PROBE);
    check_state(fsm, "IDLE");
    CHECK(reconnect_is_connected(fsm));
    CHECK_INT(reconnect_run(fsm, 8001), 0);

    /* The answer returns to ACTIVE. */
    reconnect_activity(fsm, 9000);
    check_state(fsm, "ACTIVE");
    CHECK_INT(reconnect_run(fsm, 13999), 0);
    CHECK_INT(reconnect_run(fsm, 14000), RECONNECT_PROBE);

    /* No answer for another interval: disconnect. */
    CHECK_INT(reconnect_run(fsm, 18999), 0);
    CHECK_INT(reconnect_run(fsm, 19000), RECONNECT_DISCONNECT);
    check_state(fsm, "RECONNECT");
    CHECK(!reconnect_is_connected(fsm));
    CHECK_STR(last_event(fsm),
              "tcp:127.0.0.1:6640: no response to inactivity probe after "
              "5 seconds, disconnecting");
    CHECK_INT(reconnect_get_seqno(fsm), 2);
    CHECK_INT(reconnect_get_last_disconnect_elapsed(fsm, 19000), 0);

    /* RECONNECT keeps asking until the client reports it. */
    CHECK_INT(reconnect_run(fsm, 19001), RECONNECT_DISCONNECT);
    reconnect_disconnected(fsm, 19002, ETIMEDOUT);
    check_state(fsm, "BACKOFF");
    reconnect_get_stats(fsm, 19002, &stats);
    CHECK_INT(stats.backoff, 1000);     /* It had been healthy. */
    CHECK_INT(stats.total_connected_duration, 19000);
    CHECK_INT(reconnect_get_seqno(fsm), 2);
    reconnect_destroy(fsm);
}
OVSTEST_REGISTER("reconnect/probe-idle-disconnect", test_reconnect_probe);

static void
test_reconnect_no_probe(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct reconnect *fsm = create(0);

    reconnect_set_probe_interval(fsm, 0);
    reconnect_enable(fsm, 0);
    reconnect_connected(fsm, 0);
    CHECK_INT(reconnect_timeout(fsm, 0), INT_MAX);
    CHECK_INT(reconnect_run(fsm, 1000000000), 0);
    check_state(fsm, "ACTIVE");
    reconnect_destroy(fsm);
}
OVSTEST_REGISTER("reconnect/probe-disabled", test_reconnect_no_probe);

static void
test_reconnect_receive_attempted(int argc OVS_UNUSED,
                                 char *argv[] OVS_UNUSED)
{
    struct reconnect *fsm = create(0);

    reconnect_enable(fsm, 0);
    reconnect_connected(fsm, 0);
    reconnect_receive_attempted(fsm, 100);

    /* A client that has not looked for input since the deadline does not
     * blame the peer yet... */
    CHECK_INT(reconnect_run(fsm, 6000), 0);
    CHECK_INT(reconnect_timeout(fsm, 6000), 0);

    /* ...but once it has, it probes. */
    reconnect_receive_attempted(fsm, 6000);
    CHECK_INT(reconnect_run(fsm, 6000), RECONNECT_PROBE);
    CHECK_INT(reconnect_run(fsm, 12000), 0);
    reconnect_receive_attempted(fsm, 12000);
    CHECK_INT(reconnect_run(fsm, 12000), RECONNECT_DISCONNECT);
    reconnect_destroy(fsm);
}
OVSTEST_REGISTER("reconnect/receive-attempted",
                 test_reconnect_receive_attempted);

static void
test_reconnect_passive(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct reconnect *fsm = create(0);

    reconnect_set_name(fsm, "punix:db.sock");
    reconnect_set_passive(fsm, true, 0);
    CHECK(reconnect_is_passive(fsm));
    reconnect_enable(fsm, 0);
    CHECK_INT(reconnect_run(fsm, 0), RECONNECT_CONNECT);

    /* Listening fails: back off as for connections. */
    reconnect_listen_error(fsm, 0, EADDRINUSE);
    check_state(fsm, "BACKOFF");
    CHECK_STR(last_event(fsm),
              "punix:db.sock: error listening for connections "
              "(Address already in use)");
    CHECK_INT(reconnect_run(fsm, 999), 0);
    CHECK_INT(reconnect_run(fsm, 1000), RECONNECT_CONNECT);

    /* Listening has no timeout. */
    reconnect_listening(fsm, 1000);
    check_state(fsm, "LISTENING");
    CHECK_STR(last_event(fsm), "punix:db.sock: listening...");
    CHECK_INT(reconnect_timeout(fsm, 1000), INT_MAX);
    CHECK_INT(reconnect_run(fsm, 1000000), 0);
    CHECK(!reconnect_is_connected(fsm));

    /* Leaving passive mode abandons the listener: connect at once. */
    reconnect_set_passive(fsm, false, 2000);
    check_state(fsm, "BACKOFF");
    CHECK_INT(reconnect_run(fsm, 2000), RECONNECT_CONNECT);

    /* listen_error() only applies to passive machines. */
    reconnect_listen_error(fsm, 2000, EACCES);
    check_state(fsm, "BACKOFF");
    reconnect_destroy(fsm);
}
OVSTEST_REGISTER("reconnect/passive", test_reconnect_passive);

static void
test_reconnect_max_tries(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct reconnect *fsm = create(0);

    reconnect_set_max_tries(fsm, 2);
    reconnect_enable(fsm, 0);
    CHECK_INT(reconnect_get_max_tries(fsm), 1);
    CHECK_INT(reconnect_run(fsm, 0), RECONNECT_CONNECT);
    reconnect_connect_failed(fsm, 0, ECONNREFUSED);
    check_state(fsm, "BACKOFF");
    CHECK_INT(reconnect_get_max_tries(fsm), 0);
    CHECK_INT(reconnect_run(fsm, 1000), RECONNECT_CONNECT);
    reconnect_connect_failed(fsm, 1000, ECONNREFUSED);

    /* Out of tries: the machine disables itself. */
    check_state(fsm, "VOID");
    CHECK(!reconnect_is_enabled(fsm));
    CHECK_STR(last_event(fsm),
              "tcp:127.0.0.1:6640: giving up after too many attempts");
    CHECK_INT(reconnect_run(fsm, 100000), 0);
    reconnect_enable(fsm, 100000);
    CHECK(!reconnect_is_enabled(fsm));

    /* More tries allow enabling again. */
    reconnect_set_max_tries(fsm, 1);
    reconnect_enable(fsm, 100000);
    CHECK(reconnect_is_enabled(fsm));
    reconnect_destroy(fsm);
}
OVSTEST_REGISTER("reconnect/max-tries", test_reconnect_max_tries);

static void
test_reconnect_force(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct reconnect *fsm = create(0);
    struct reconnect_stats stats;

    /* Forcing does nothing while disabled or backing off. */
    reconnect_force_reconnect(fsm, 0);
    check_state(fsm, "VOID");
    reconnect_enable(fsm, 0);
    reconnect_force_reconnect(fsm, 0);
    check_state(fsm, "BACKOFF");

    reconnect_connected(fsm, 0);
    reconnect_activity(fsm, 3000);
    reconnect_force_reconnect(fsm, 4000);
    check_state(fsm, "RECONNECT");
    CHECK_INT(reconnect_timeout(fsm, 4000), 0);
    CHECK_INT(reconnect_run(fsm, 4000), RECONNECT_DISCONNECT);
    reconnect_disconnected(fsm, 4000, 0);
    check_state(fsm, "BACKOFF");
    CHECK_STR(last_event(fsm),
              "tcp:127.0.0.1:6640: connection dropped");
    reconnect_get_stats(fsm, 4000, &stats);
    CHECK_INT(stats.backoff, 1000);
    CHECK_INT(stats.total_connected_duration, 4000);
    CHECK_INT(stats.last_disconnected, 4000);
    CHECK_INT(reconnect_run(fsm, 5000), RECONNECT_CONNECT);

    /* Forcing during an attempt abandons it. */
    reconnect_connecting(fsm, 5000);
    reconnect_force_reconnect(fsm, 5100);
    CHECK_INT(reconnect_run(fsm, 5100), RECONNECT_DISCONNECT);
    reconnect_connect_failed(fsm, 5100, ECONNABORTED);
    check_state(fsm, "BACKOFF");
    reconnect_get_stats(fsm, 5100, &stats);
    CHECK_INT(stats.backoff, 2000);
    CHECK_INT(stats.n_attempted_connections, 2);
    reconnect_destroy(fsm);
}
OVSTEST_REGISTER("reconnect/force-reconnect", test_reconnect_force);

static void
test_reconnect_backoff_free_tries(int argc OVS_UNUSED,
                                  char *argv[] OVS_UNUSED)
{
    struct reconnect *fsm = create(0);

    /* Three remotes: try each once before backing off. */
    reconnect_set_backoff_free_tries(fsm, 3);
    reconnect_enable(fsm, 0);
    reconnect_connect_failed(fsm, 0, ECONNREFUSED);
    CHECK_INT(reconnect_timeout(fsm, 0), 0);
    reconnect_connect_failed(fsm, 0, ECONNREFUSED);
    CHECK_INT(reconnect_timeout(fsm, 0), 0);
    reconnect_connect_failed(fsm, 0, ECONNREFUSED);
    CHECK_INT(reconnect_timeout(fsm, 0), 1000);
    reconnect_destroy(fsm);
}
OVSTEST_REGISTER("reconnect/backoff-free-tries",
                 test_reconnect_backoff_free_tries);

static void
test_reconnect_wait(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    long long int start = time_msec();
    struct reconnect *fsm = create(start);
    long long int now;

    reconnect_set_backoff(fsm, 100, 200);
    reconnect_enable(fsm, start);
    reconnect_connect_failed(fsm, start, ECONNREFUSED);

    /* The main loop sleeps until the backoff ends, and no longer. */
    reconnect_wait(fsm, start);
    poll_timer_wait(10000);
    poll_block();
    now = time_msec();
    CHECK(now - start >= 100 && now - start < 5000);
    CHECK_INT(reconnect_run(fsm, now), RECONNECT_CONNECT);

    /* Nothing scheduled: wait registers nothing. */
    reconnect_disable(fsm, now);
    reconnect_wait(fsm, now);
    poll_timer_wait(50);
    poll_block();
    reconnect_destroy(fsm);
}
OVSTEST_REGISTER("reconnect/wait", test_reconnect_wait);
