/* Tests for lib/jsonrpc: message validation, framing of a byte stream over
 * a real Unix socket, the blocking helpers, and sessions (reconnection and
 * inactivity probes). */
#include <config.h>
#include "jsonrpc.h"

#include <errno.h>
#include <unistd.h>
#include "dynamic-string.h"
#include "json.h"
#include "ovstest.h"
#include "poll-loop.h"
#include "stream.h"
#include "timeval.h"
#include "util.h"

/* Parses S as JSON and then as a JSON-RPC message.  Returns the error, or
 * NULL and the message in *MSGP. */
static char *
parse_msg(const char *s, struct jsonrpc_msg **msgp)
{
    struct json *json = json_from_string(s);

    if (json->type == JSON_STRING) {
        ovstest_fail(OVS_SOURCE_LOCATOR, "bad test JSON %s: %s", s,
                     json_string(json));
    }
    return jsonrpc_msg_from_json(json, msgp);
}

static void
check_bad_msg(const char *s, const char *expected_error)
{
    struct jsonrpc_msg *msg;
    char *error = parse_msg(s, &msg);

    if (!error) {
        ovstest_fail(OVS_SOURCE_LOCATOR, "%s: accepted, expected \"%s\"",
                     s, expected_error);
    }
    CHECK(msg == NULL);
    if (strcmp(error, expected_error)) {
        ovstest_fail(OVS_SOURCE_LOCATOR, "%s: got \"%s\", expected \"%s\"",
                     s, error, expected_error);
    }
    free(error);
}

static void
check_good_msg(const char *s, enum jsonrpc_msg_type type)
{
    struct jsonrpc_msg *msg;
    char *error = parse_msg(s, &msg);

    if (error) {
        ovstest_fail(OVS_SOURCE_LOCATOR, "%s: rejected: %s", s, error);
    }
    CHECK_STR(jsonrpc_msg_type_to_string(msg->type),
              jsonrpc_msg_type_to_string(type));
    jsonrpc_msg_destroy(msg);
}

/* Every rule of the message table, each failing alone, with the exact
 * complaint upstream ovsdb-server logs for the same message. */
static void
test_msg_validation(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    check_good_msg("{\"method\":\"echo\",\"params\":[],\"id\":5}",
                   JSONRPC_REQUEST);
    check_good_msg("{\"method\":\"echo\",\"params\":[],\"id\":{}}",
                   JSONRPC_REQUEST);
    check_good_msg("{\"method\":\"echo\",\"params\":[],\"id\":5,"
                   "\"error\":null,\"result\":null}", JSONRPC_REQUEST);
    check_good_msg("{\"method\":\"echo\",\"params\":[]}", JSONRPC_NOTIFY);
    check_good_msg("{\"method\":\"echo\",\"params\":[],\"id\":null}",
                   JSONRPC_NOTIFY);
    check_good_msg("{\"result\":1,\"id\":5}", JSONRPC_REPLY);
    check_good_msg("{\"result\":1,\"error\":null,\"id\":5}", JSONRPC_REPLY);
    check_good_msg("{\"error\":1,\"id\":5}", JSONRPC_ERROR);
    check_good_msg("{\"error\":\"x\",\"result\":null,\"id\":\"a\"}",
                   JSONRPC_ERROR);

    check_bad_msg("[]", "message is not a JSON object");
    check_bad_msg("[1]", "message is not a JSON object");
    check_bad_msg("{\"method\":1,\"params\":[],\"id\":5}",
                  "method is not a JSON string");
    check_bad_msg("{\"method\":null,\"params\":[],\"id\":1}",
                  "method is not a JSON string");
    check_bad_msg("{\"method\":5,\"foo\":1}", "method is not a JSON string");
    check_bad_msg("{\"method\":\"echo\",\"params\":[],\"id\":5,\"foo\":1}",
                  "message has unexpected member \"foo\"");
    check_bad_msg("{\"params\":5,\"foo\":1}",
                  "message has unexpected member \"foo\"");
    check_bad_msg("{\"params\":\"x\",\"method\":\"echo\",\"id\":1}",
                  "\"params\" must be JSON array");
    check_bad_msg("{\"params\":{},\"method\":\"x\"}",
                  "\"params\" must be JSON array");
    check_bad_msg("{\"error\":1,\"id\":1,\"params\":5}",
                  "\"params\" must be JSON array");

    check_bad_msg("{\"method\":\"echo\",\"id\":5}",
                  "request must have \"params\"");
    check_bad_msg("{\"params\":null,\"method\":\"echo\",\"id\":1}",
                  "request must have \"params\"");
    check_bad_msg("{\"params\":[],\"id\":5}", "request must have \"method\"");
    check_bad_msg("{\"id\":5}", "request must have \"method\"");
    check_bad_msg("{\"error\":null,\"result\":null,\"id\":5}",
                  "request must have \"method\"");
    check_bad_msg("{}", "notification must have \"method\"");
    check_bad_msg("{\"id\":null}", "notification must have \"method\"");
    check_bad_msg("{\"params\":[]}", "notification must have \"method\"");
    check_bad_msg("{\"result\":1}", "reply must have \"id\"");
    check_bad_msg("{\"result\":1,\"id\":null}", "reply must have \"id\"");
    check_bad_msg("{\"result\":1,\"params\":[]}",
                  "reply must not have \"params\"");
    check_bad_msg("{\"result\":1,\"params\":[],\"method\":\"x\"}",
                  "reply must not have \"method\"");
    check_bad_msg("{\"method\":\"echo\",\"params\":[],\"id\":5,\"result\":1}",
                  "reply must not have \"method\"");
    check_bad_msg("{\"result\":1,\"error\":1}",
                  "reply must not have \"error\"");
    check_bad_msg("{\"result\":1,\"error\":1,\"params\":[]}",
                  "reply must not have \"params\"");
    check_bad_msg("{\"error\":1}", "error must have \"id\"");
    check_bad_msg("{\"error\":1,\"id\":null}", "error must have \"id\"");
    check_bad_msg("{\"error\":1,\"id\":5,\"params\":[]}",
                  "error must not have \"params\"");
    check_bad_msg("{\"error\":1,\"id\":5,\"method\":\"x\"}",
                  "error must not have \"method\"");
    check_bad_msg("{\"method\":\"echo\",\"params\":[],\"id\":5,\"error\":1}",
                  "error must not have \"method\"");
}
OVSTEST_REGISTER("jsonrpc/msg-validation", test_msg_validation);

/* Converts MSG to JSON text and back, checking the text. */
static struct jsonrpc_msg *
round_trip(struct jsonrpc_msg *msg, const char *expected_json)
{
    struct json *json = jsonrpc_msg_to_json(msg);
    char *s = json_to_string(json, JSSF_SORT);
    struct jsonrpc_msg *copy;
    char *error;

    CHECK_STR(s, expected_json);
    free(s);
    error = jsonrpc_msg_from_json(json, &copy);
    if (error) {
        ovstest_fail(OVS_SOURCE_LOCATOR, "%s", error);
    }
    return copy;
}

static void
test_msg_round_trip(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct jsonrpc_msg *msg, *copy;
    struct json *id, *id2;
    char *s;

    msg = jsonrpc_create_request("transact",
                                 json_array_create_1(json_integer_create(1)),
                                 &id);
    CHECK(id->type == JSON_INTEGER);
    CHECK(jsonrpc_msg_is_valid(msg) == NULL);
    s = xasprintf("{\"id\":%lld,\"method\":\"transact\",\"params\":[1]}",
                  json_integer(id));
    copy = round_trip(msg, s);
    free(s);
    CHECK(copy->type == JSONRPC_REQUEST);
    CHECK_STR(copy->method, "transact");
    CHECK(json_equal(copy->id, id));

    /* Ids are unique. */
    jsonrpc_msg_destroy(jsonrpc_create_request("x", json_array_create_empty(),
                                               &id2));
    CHECK(!json_equal(id, id2));
    CHECK_INT(json_integer(id2), json_integer(id) + 1);
    json_destroy(id2);

    msg = jsonrpc_create_reply(json_string_create("ok"), copy->id);
    jsonrpc_msg_destroy(copy);
    s = xasprintf("{\"error\":null,\"id\":%lld,\"result\":\"ok\"}",
                  json_integer(id));
    copy = round_trip(msg, s);
    free(s);
    CHECK(copy->type == JSONRPC_REPLY);
    CHECK(json_equal(copy->id, id));
    jsonrpc_msg_destroy(copy);

    msg = jsonrpc_create_error(json_string_create("bad"), id);
    s = xasprintf("{\"error\":\"bad\",\"id\":%lld}", json_integer(id));
    copy = round_trip(msg, s);
    free(s);
    CHECK(copy->type == JSONRPC_ERROR);
    jsonrpc_msg_destroy(copy);

    msg = jsonrpc_create_notify("update", json_array_create_empty());
    copy = round_trip(msg, "{\"id\":null,\"method\":\"update\","
                      "\"params\":[]}");
    CHECK(copy->type == JSONRPC_NOTIFY);
    s = jsonrpc_msg_to_string(copy);
    CHECK_STR(s, "notification, method=\"update\", params=[]");
    free(s);
    jsonrpc_msg_destroy(copy);

    /* is_valid() catches a hand-built inconsistent message. */
    msg = jsonrpc_create_notify("x", json_array_create_empty());
    msg->result = json_integer_create(1);
    s = jsonrpc_msg_is_valid(msg);
    CHECK_STR(s, "notification must not have \"result\"");
    free(s);
    jsonrpc_msg_destroy(msg);

    CHECK_STR(jsonrpc_msg_type_to_string(JSONRPC_REQUEST), "request");
    CHECK_STR(jsonrpc_msg_type_to_string(JSONRPC_NOTIFY), "notification");
    CHECK_STR(jsonrpc_msg_type_to_string(JSONRPC_REPLY), "reply");
    CHECK_STR(jsonrpc_msg_type_to_string(JSONRPC_ERROR), "error");
    json_destroy(id);
}
OVSTEST_REGISTER("jsonrpc/msg-round-trip", test_msg_round_trip);

/* Checks that jsonrpc_msg_to_ds() writes MSG exactly as serializing
 * jsonrpc_msg_to_json() does (member order included), then frees MSG. */
static void
check_msg_to_ds(struct jsonrpc_msg *msg)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    char *expected;

    jsonrpc_msg_to_ds(msg, &ds);
    {
        struct json *json = jsonrpc_msg_to_json(msg);

        expected = json_to_string(json, 0);
        json_destroy(json);
    }
    CHECK_STR(ds_cstr(&ds), expected);
    free(expected);
    ds_destroy(&ds);
}

static void
test_msg_to_ds(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct json *id = json_string_create("an \"id\"");
    struct jsonrpc_msg *msg;

    check_msg_to_ds(jsonrpc_create_request(
                        "transact", json_array_create_1(json_from_string(
                                        "{\"b\":[1,2.5,\"\\u0001\"],"
                                        "\"a\":{\"x\":null}}")), NULL));
    check_msg_to_ds(jsonrpc_create_reply(json_from_string("[{},{\"c\":1}]"),
                                         id));
    check_msg_to_ds(jsonrpc_create_error(json_string_create("bad"), id));
    check_msg_to_ds(jsonrpc_create_notify("update2",
                                          json_array_create_empty()));
    check_msg_to_ds(jsonrpc_create_notify("m\u00e9thod \"q\"",
                                          json_array_create_empty()));

    /* Inconsistent hand-built messages are written the same way too. */
    msg = jsonrpc_create_error(json_string_create("bad"), id);
    json_destroy(msg->error);
    msg->error = NULL;
    check_msg_to_ds(msg);
    msg = jsonrpc_create_notify("x", json_array_create_empty());
    msg->result = json_integer_create(1);
    check_msg_to_ds(msg);
    json_destroy(id);
}
OVSTEST_REGISTER("jsonrpc/msg-to-ds", test_msg_to_ds);

/* A connected pair: RAW is the client end, a bare stream the test writes
 * bytes to; RPC is the server end, under test. */
struct pair {
    struct pstream *listener;
    struct stream *raw;
    struct jsonrpc *rpc;
};

static void
pair_open(struct pair *p)
{
    struct stream *server;
    int error;

    unlink("pair.sock");
    CHECK_INT(pstream_open("punix:pair.sock", &p->listener, 0), 0);
    CHECK_INT(stream_open_block(stream_open("unix:pair.sock", &p->raw, 0),
                                -1, &p->raw), 0);
    do {
        pstream_wait(p->listener);
        error = pstream_accept(p->listener, &server);
        if (error == EAGAIN) {
            poll_block();
        }
    } while (error == EAGAIN);
    CHECK_INT(error, 0);
    p->rpc = jsonrpc_open(server);
}

static void
pair_close(struct pair *p)
{
    jsonrpc_close(p->rpc);
    stream_close(p->raw);
    pstream_close(p->listener);
}

static void
raw_send(struct pair *p, const char *data, size_t n)
{
    while (n > 0) {
        ssize_t retval = stream_send(p->raw, data, n);
        if (retval == -EAGAIN) {
            stream_send_wait(p->raw);
            poll_block();
            continue;
        }
        CHECK(retval > 0);
        data += retval;
        n -= retval;
    }
}

/* Receives from P's rpc until a message or an error comes. */
static int
rpc_recv(struct pair *p, struct jsonrpc_msg **msgp)
{
    for (;;) {
        int error = jsonrpc_recv(p->rpc, msgp);
        if (error != EAGAIN) {
            return error;
        }
        jsonrpc_recv_wait(p->rpc);
        poll_timer_wait(5000);
        poll_block();
    }
}

static void
expect_echo(struct pair *p, long long int id)
{
    struct jsonrpc_msg *msg;

    CHECK_INT(rpc_recv(p, &msg), 0);
    CHECK(msg->type == JSONRPC_REQUEST);
    CHECK_STR(msg->method, "echo");
    CHECK_INT(json_integer(msg->id), id);
    jsonrpc_msg_destroy(msg);
}

static void
test_framing(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    static const char two[] =
        "{\"method\":\"echo\",\"params\":[\"a b\"],\"id\":1}  \n"
        "{\"method\":\"echo\",\"params\":[{\"x\":[1,2,3]}],\"id\":2}";
    struct jsonrpc_msg *msg;
    struct pair p;
    size_t i;

    pair_open(&p);

    /* Two messages in one write. */
    raw_send(&p, two, strlen(two));
    expect_echo(&p, 1);
    expect_echo(&p, 2);
    CHECK_INT(jsonrpc_recv(p.rpc, &msg), EAGAIN);
    CHECK(msg == NULL);

    /* The same, one byte per write, with a receive attempt after each. */
    for (i = 0; i < strlen(two); i++) {
        raw_send(&p, &two[i], 1);
        if (i < 40) {
            /* The first message cannot be complete yet. */
            int error = jsonrpc_recv(p.rpc, &msg);
            CHECK(error == EAGAIN && msg == NULL);
        }
    }
    expect_echo(&p, 1);
    expect_echo(&p, 2);

    /* A big message that needs many reads. */
    {
        struct ds big = DS_EMPTY_INITIALIZER;

        ds_put_cstr(&big, "{\"method\":\"echo\",\"params\":[\"");
        ds_put_char_multiple(&big, 'x', 200000);
        ds_put_cstr(&big, "\"],\"id\":3}");
        raw_send(&p, big.string, big.length);
        CHECK_INT(rpc_recv(&p, &msg), 0);
        CHECK_INT(strlen(json_string(json_array(msg->params)->elems[0])),
                  200000);
        jsonrpc_msg_destroy(msg);
        ds_destroy(&big);
    }

    /* Sending: what we send arrives as JSON text on the raw end. */
    CHECK_INT(jsonrpc_send(p.rpc, jsonrpc_create_notify(
                               "n", json_array_create_empty())), 0);
    jsonrpc_run(p.rpc);
    CHECK_INT(jsonrpc_get_backlog(p.rpc), 0);
    {
        char buf[256];
        ssize_t n;

        do {
            stream_recv_wait(p.raw);
            poll_block();
            n = stream_recv(p.raw, buf, sizeof buf - 1);
        } while (n == -EAGAIN);
        CHECK(n > 0);
        buf[n] = '\0';
        struct json *json = json_from_string(buf);
        CHECK(json->type == JSON_OBJECT);
        CHECK_STR(json_string(json_object_get(json, "method")), "n");
        json_destroy(json);
    }

    /* The peer hangs up: EOF, and it sticks. */
    stream_close(p.raw);
    p.raw = NULL;
    CHECK_INT(rpc_recv(&p, &msg), EOF);
    CHECK_INT(jsonrpc_get_status(p.rpc), EOF);
    CHECK_INT(jsonrpc_send(p.rpc, jsonrpc_create_notify(
                               "n", json_array_create_empty())), EOF);
    pair_close(&p);
}
OVSTEST_REGISTER("jsonrpc/framing", test_framing);

/* Each kind of bad input ends the connection with an error. */
static void
check_bad_input(const char *input, size_t max_size, int expected_error)
{
    struct jsonrpc_msg *msg;
    struct pair p;

    pair_open(&p);
    if (max_size) {
        jsonrpc_set_max_msg_size(p.rpc, max_size);
    }
    raw_send(&p, input, strlen(input));
    /* Hanging up ends an incomplete message, so that each case
     * terminates. */
    stream_close(p.raw);
    p.raw = NULL;
    for (;;) {
        int error = rpc_recv(&p, &msg);
        if (error) {
            if (error != expected_error) {
                ovstest_fail(OVS_SOURCE_LOCATOR, "%s: error %d, expected %d",
                             input, error, expected_error);
            }
            break;
        }
        jsonrpc_msg_destroy(msg);
    }
    CHECK_INT(jsonrpc_get_status(p.rpc), expected_error);
    pair_close(&p);
}

static void
test_bad_input(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    check_bad_input("garbage!", 0, EPROTO);
    check_bad_input("\"a string\"", 0, EPROTO);
    check_bad_input("{\"method\":\"echo\",\"params\":[],\"id\":5}}", 0,
                    EPROTO);
    check_bad_input("[1]", 0, EPROTO);
    check_bad_input("{\"method\":\"x\",\"params\":{},\"id\":1}", 0, EPROTO);
    check_bad_input("{\"method\":\"x\",\"params\":[],\"id\":1,\"y\":2}", 0,
                    EPROTO);
    check_bad_input("{\"method\":\"x\",\"params\":[\"\xff\"],\"id\":1}", 0,
                    EPROTO);
    check_bad_input("{\"method\":\"x\",\"params\":[],\"id\":1}", 0, EOF);
    check_bad_input("{\"method\":\"x\",", 0, EOF);

    /* The size limit: exactly at the limit passes, one byte over fails. */
    check_bad_input("{\"method\":\"x\",\"params\":[],\"id\":1}", 33, EOF);
    check_bad_input("{\"method\":\"x\",\"params\":[],\"id\":1}", 32,
                    EMSGSIZE);
    check_bad_input("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", 16, EMSGSIZE);
}
OVSTEST_REGISTER("jsonrpc/bad-input", test_bad_input);

/* jsonrpc_transact_block() skips unrelated messages, answers "echo" and
 * returns the matching reply.  The "server" side is written in advance:
 * ids are predictable, and the socket buffers it all. */
static void
test_transact_block(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct jsonrpc_msg *request, *reply;
    struct json *id;
    struct pair p;
    char *s;

    pair_open(&p);
    request = jsonrpc_create_request("hello", json_array_create_empty(), &id);
    s = xasprintf("{\"method\":\"note\",\"params\":[],\"id\":null}"
                  "{\"method\":\"echo\",\"params\":[7],\"id\":\"e\"}"
                  "{\"result\":\"other\",\"error\":null,\"id\":\"zz\"}"
                  "{\"result\":\"mine\",\"error\":null,\"id\":%lld}",
                  json_integer(id));
    raw_send(&p, s, strlen(s));
    free(s);

    CHECK_INT(jsonrpc_transact_block(p.rpc, request, &reply), 0);
    CHECK(reply->type == JSONRPC_REPLY);
    CHECK_STR(json_string(reply->result), "mine");
    jsonrpc_msg_destroy(reply);

    /* What arrived at the raw end: our request, then the echo reply. */
    {
        struct ds in = DS_EMPTY_INITIALIZER;
        char buf[512];

        while (!strstr(ds_cstr(&in), "\"e\"")) {
            ssize_t n = stream_recv(p.raw, buf, sizeof buf);
            if (n == -EAGAIN) {
                stream_recv_wait(p.raw);
                poll_block();
                continue;
            }
            CHECK(n > 0);
            ds_put_buffer(&in, buf, n);
        }
        CHECK(strstr(ds_cstr(&in), "\"method\":\"hello\"") != NULL);
        CHECK(strstr(ds_cstr(&in), "\"result\":[7]") != NULL);
        ds_destroy(&in);
    }

    /* The peer goes away before replying. */
    stream_close(p.raw);
    p.raw = NULL;
    request = jsonrpc_create_request("hello", json_array_create_empty(),
                                     NULL);
    CHECK(jsonrpc_transact_block(p.rpc, request, &reply) != 0);
    CHECK(reply == NULL);
    json_destroy(id);
    pair_close(&p);
}
OVSTEST_REGISTER("jsonrpc/transact-block", test_transact_block);

/* Sessions. */

/* Runs the sessions (either may be NULL) until COND holds, warping time by
 * WARP ms each round so that backoff timers expire quickly. */
#define RUN_SESSIONS_UNTIL(A, B, WARP, COND)                            \
    do {                                                                \
        int i__;                                                        \
        for (i__ = 0; !(COND); i__++) {                                 \
            if (i__ > 2000) {                                           \
                ovstest_fail(OVS_SOURCE_LOCATOR, "timeout: %s", #COND); \
            }                                                           \
            run_session(A);                                             \
            run_session(B);                                             \
            if (!(COND)) {                                              \
                wait_session(A);                                        \
                wait_session(B);                                        \
                poll_timer_wait(10);                                    \
                poll_block();                                           \
                if (WARP) {                                             \
                    time_warp(WARP);                                    \
                }                                                       \
            }                                                           \
        }                                                               \
    } while (0)

/* Messages received by run_session(), other than echo traffic. */
static int n_received;

static void
run_session(struct jsonrpc_session *s)
{
    if (s) {
        struct jsonrpc_msg *msg;

        jsonrpc_session_run(s);
        while ((msg = jsonrpc_session_recv(s)) != NULL) {
            n_received++;
            jsonrpc_msg_destroy(msg);
        }
    }
}

static void
wait_session(struct jsonrpc_session *s)
{
    if (s) {
        jsonrpc_session_wait(s);
        jsonrpc_session_recv_wait(s);
    }
}

static void
test_session_reconnect(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct jsonrpc_session *server, *client;
    unsigned int seqno;

    unlink("session.sock");
    server = jsonrpc_session_open("punix:session.sock", true);
    client = jsonrpc_session_open("unix:session.sock", true);
    CHECK_STR(jsonrpc_session_get_name(client), "unix:session.sock");
    CHECK(jsonrpc_session_is_alive(client));

    RUN_SESSIONS_UNTIL(server, client, 0,
                       jsonrpc_session_is_connected(client)
                       && jsonrpc_session_is_connected(server));

    /* Traffic flows both ways. */
    n_received = 0;
    CHECK_INT(jsonrpc_session_send(client, jsonrpc_create_notify(
                                       "hi", json_array_create_empty())), 0);
    RUN_SESSIONS_UNTIL(server, client, 0, n_received == 1);

    /* The server goes away: the client notices and its seqno changes. */
    seqno = jsonrpc_session_get_seqno(client);
    jsonrpc_session_close(server);
    server = NULL;
    RUN_SESSIONS_UNTIL(server, client, 0,
                       !jsonrpc_session_is_connected(client));
    CHECK(jsonrpc_session_get_seqno(client) != seqno);
    CHECK(jsonrpc_session_is_alive(client));
    CHECK_INT(jsonrpc_session_send(client, jsonrpc_create_notify(
                                       "lost", json_array_create_empty())),
              ENOTCONN);

    /* Let it fail to reconnect a few times, then restart the server: the
     * client comes back by itself. */
    RUN_SESSIONS_UNTIL(server, client, 500,
                       jsonrpc_session_get_last_error(client) != 0);
    unlink("session.sock");
    server = jsonrpc_session_open("punix:session.sock", true);
    seqno = jsonrpc_session_get_seqno(client);
    RUN_SESSIONS_UNTIL(server, client, 500,
                       jsonrpc_session_is_connected(client)
                       && jsonrpc_session_is_connected(server));
    CHECK(jsonrpc_session_get_seqno(client) != seqno);

    /* force_reconnect drops and restores the connection. */
    seqno = jsonrpc_session_get_seqno(client);
    jsonrpc_session_force_reconnect(client);
    RUN_SESSIONS_UNTIL(server, client, 100,
                       jsonrpc_session_get_seqno(client) != seqno
                       && jsonrpc_session_is_connected(client));

    jsonrpc_session_close(client);
    jsonrpc_session_close(server);
}
OVSTEST_REGISTER("jsonrpc/session-reconnect", test_session_reconnect);

static void
test_session_no_retry(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct jsonrpc_session *client;

    unlink("nothing.sock");
    client = jsonrpc_session_open("unix:nothing.sock", false);
    RUN_SESSIONS_UNTIL(client, NULL, 100, !jsonrpc_session_is_alive(client));
    CHECK(!jsonrpc_session_is_connected(client));
    CHECK(jsonrpc_session_get_last_error(client) != 0);
    jsonrpc_session_close(client);
}
OVSTEST_REGISTER("jsonrpc/session-no-retry", test_session_no_retry);

/* Inactivity probes: with the peer answering, the connection survives any
 * amount of idle time; with a peer that reads nothing and answers nothing,
 * it is dropped after a probe goes unanswered. */
static void
test_session_probes(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct jsonrpc_session *server, *client;
    unsigned int seqno;
    struct pair p;
    int i;

    unlink("probe.sock");
    server = jsonrpc_session_open("punix:probe.sock", true);
    client = jsonrpc_session_open("unix:probe.sock", true);
    jsonrpc_session_set_probe_interval(client, 5000);
    RUN_SESSIONS_UNTIL(server, client, 0,
                       jsonrpc_session_is_connected(client)
                       && jsonrpc_session_is_connected(server));

    /* Idle for 60 simulated seconds: probes go out and are answered by the
     * server session automatically, so nothing reaches the application and
     * the connection stays. */
    seqno = jsonrpc_session_get_seqno(client);
    n_received = 0;
    for (i = 0; i < 60; i++) {
        time_warp(1000);
        RUN_SESSIONS_UNTIL(server, client, 0,
                           !jsonrpc_session_get_backlog(client));
        run_session(server);
        run_session(client);
    }
    CHECK(jsonrpc_session_is_connected(client));
    CHECK_INT(jsonrpc_session_get_seqno(client), seqno);
    CHECK_INT(n_received, 0);
    jsonrpc_session_close(client);
    jsonrpc_session_close(server);

    /* A silent peer: a bare listener that accepts and never reads. */
    memset(&p, 0, sizeof p);
    unlink("silent.sock");
    CHECK_INT(pstream_open("punix:silent.sock", &p.listener, 0), 0);
    client = jsonrpc_session_open("unix:silent.sock", true);
    jsonrpc_session_set_probe_interval(client, 5000);
    RUN_SESSIONS_UNTIL(client, NULL, 0, jsonrpc_session_is_connected(client));
    {
        struct stream *accepted;
        int error;

        do {
            pstream_wait(p.listener);
            error = pstream_accept(p.listener, &accepted);
            if (error == EAGAIN) {
                poll_block();
            }
        } while (error == EAGAIN);
        CHECK_INT(error, 0);
        p.raw = accepted;
    }
    seqno = jsonrpc_session_get_seqno(client);
    RUN_SESSIONS_UNTIL(client, NULL, 1000,
                       jsonrpc_session_get_seqno(client) != seqno);
    {
        /* The silent peer did get an "echo" probe. */
        char buf[512];
        ssize_t n = stream_recv(p.raw, buf, sizeof buf - 1);

        CHECK(n > 0);
        buf[n] = '\0';
        CHECK(strstr(buf, "\"method\":\"echo\"") != NULL);
        CHECK(strstr(buf, "\"id\":\"echo\"") != NULL);
    }
    jsonrpc_session_close(client);
    pair_close(&p);
}
OVSTEST_REGISTER("jsonrpc/session-probes", test_session_probes);

/* open_unreliably(): wraps an accepted connection, answers echo, and is
 * dead for good once the connection goes. */
static void
test_session_unreliable(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct jsonrpc_session *s;
    struct jsonrpc_msg *msg;
    struct pair p;
    static const char echo[] = "{\"method\":\"echo\",\"params\":[1],"
                               "\"id\":9}{\"method\":\"m\",\"params\":[],"
                               "\"id\":null}";
    char buf[256];
    ssize_t n;

    pair_open(&p);
    s = jsonrpc_session_open_unreliably(p.rpc, 0);
    p.rpc = NULL;
    CHECK(jsonrpc_session_is_connected(s));
    raw_send(&p, echo, strlen(echo));

    msg = NULL;
    while (!msg) {
        jsonrpc_session_run(s);
        msg = jsonrpc_session_recv(s);
        if (!msg) {
            jsonrpc_session_wait(s);
            jsonrpc_session_recv_wait(s);
            poll_block();
        }
    }
    CHECK_STR(msg->method, "m");
    jsonrpc_msg_destroy(msg);

    jsonrpc_session_run(s);
    do {
        stream_recv_wait(p.raw);
        poll_block();
        n = stream_recv(p.raw, buf, sizeof buf - 1);
    } while (n == -EAGAIN);
    CHECK(n > 0);
    buf[n] = '\0';
    CHECK(strstr(buf, "\"result\":[1]") != NULL);

    stream_close(p.raw);
    p.raw = NULL;
    while (jsonrpc_session_is_alive(s)) {
        jsonrpc_session_run(s);
        jsonrpc_session_recv(s);
        jsonrpc_session_wait(s);
        jsonrpc_session_recv_wait(s);
        poll_timer_wait(10);
        poll_block();
    }
    CHECK(!jsonrpc_session_is_connected(s));
    jsonrpc_session_close(s);
    pair_close(&p);
}
OVSTEST_REGISTER("jsonrpc/session-unreliable", test_session_unreliable);
