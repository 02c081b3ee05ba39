/* jsonrpc.h: JSON-RPC 1.0 messages, connections and reconnecting sessions,
 * as OVSDB (RFC 7047) and the unixctl control channel use them.
 *
 * Three layers, each built on the one before:
 *
 *   - struct jsonrpc_msg: one message, of one of four types.  A message is
 *     a JSON object whose members say what it is:
 *
 *         type           method  params  result  error  id
 *         request        string  array   -       -      any but null
 *         notification   string  array   -       -      null or absent
 *         reply          -       -       any     null   any but null
 *         error          -       -       -       any    any but null
 *
 *     ("-" means absent or null.)  jsonrpc_msg_from_json() checks exactly
 *     that and rejects anything else (including unknown members) with an
 *     error string; jsonrpc_msg_to_json() writes the canonical form, with
 *     "id": null on notifications and "error": null on replies.
 *
 *   - struct jsonrpc: one connection over a stream (stream.h).  Messages are
 *     sent back to back with no framing other than JSON itself; received
 *     bytes go through an incremental JSON parser, so a read may hold
 *     several messages or a fraction of one.  Sending never blocks: output
 *     is queued and jsonrpc_run() drains it; jsonrpc_get_backlog() says how
 *     much is waiting.  The first error (an I/O error, EOF, malformed JSON,
 *     an invalid message, or a message larger than the maximum size) is
 *     sticky: the connection stops and jsonrpc_get_status() returns it from
 *     then on.  Bad input from the peer is logged (rate-limited) and closes
 *     the connection; it never crashes or asserts.
 *
 *   - struct jsonrpc_session: a connection that comes back.  Active ("tcp:",
 *     "unix:") sessions reconnect with exponential backoff; passive ("ptcp:",
 *     "punix:") sessions listen and take the most recent connection.  The
 *     session sends "echo" requests when the line has been idle for the
 *     probe interval, drops the connection if the peer stays silent, and
 *     answers the peer's "echo" requests itself.  The timing policy is
 *     reconnect.h's finite-state machine.
 *
 * Memory: a jsonrpc_msg owns its method string and JSON members.  The
 * constructors take ownership of the JSON values passed in.  Functions that
 * send a message take ownership of it (and destroy it even on error);
 * functions that receive one give the caller a message to destroy with
 * jsonrpc_msg_destroy().  A jsonrpc owns its stream; jsonrpc_close() frees
 * both.
 *
 * Errors: functions return 0 or a positive errno value, with EOF for a
 * connection closed cleanly by the peer and EAGAIN for "nothing yet" from
 * the non-blocking receive functions.
 *
 * Thread safety: request ids come from a thread-safe counter; otherwise a
 * connection or session must be used by one thread at a time. */
#ifndef JSONRPC_H
#define JSONRPC_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "compiler.h"

struct json;
struct pstream;
struct stream;

/* Messages. */

enum jsonrpc_msg_type {
    JSONRPC_REQUEST,      /* Request: expects a reply or error. */
    JSONRPC_NOTIFY,       /* Notification: no response. */
    JSONRPC_REPLY,        /* Successful reply to a request. */
    JSONRPC_ERROR         /* Failed reply to a request. */
};

struct jsonrpc_msg {
    enum jsonrpc_msg_type type;
    char *method;         /* Request or notification only. */
    struct json *params;  /* Request or notification only: an array. */
    struct json *result;  /* Reply only. */
    struct json *error;   /* Error only. */
    struct json *id;      /* Request, reply or error only. */
};

/* A request for METHOD with PARAMS (a JSON array, owned by the message).
 * The message gets a fresh id, unique within this process (0, 1, 2, ...);
 * if IDP is nonnull a copy of the id is stored there for matching the
 * reply (the caller frees it with json_destroy()). */
struct jsonrpc_msg *jsonrpc_create_request(const char *method,
                                           struct json *params,
                                           struct json **idp);
struct jsonrpc_msg *jsonrpc_create_notify(const char *method,
                                          struct json *params);
/* A reply to the request whose id is ID (copied, not taken). */
struct jsonrpc_msg *jsonrpc_create_reply(struct json *result,
                                         const struct json *id);
struct jsonrpc_msg *jsonrpc_create_error(struct json *error,
                                         const struct json *id);

/* "request", "notification", "reply" or "error". */
const char *jsonrpc_msg_type_to_string(enum jsonrpc_msg_type);

/* Returns NULL if MSG has exactly the members its type requires, otherwise
 * a string, which the caller must free, saying what is wrong, e.g.
 * "reply must have \"id\"". */
char *jsonrpc_msg_is_valid(const struct jsonrpc_msg *msg)
    OVS_WARN_UNUSED_RESULT;

void jsonrpc_msg_destroy(struct jsonrpc_msg *msg);

/* Converts JSON, which this function takes and frees, into a message.
 * Returns NULL and stores the message in *MSGP, or returns an error string
 * (to free) and stores NULL. */
char *jsonrpc_msg_from_json(struct json *json, struct jsonrpc_msg **msgp)
    OVS_WARN_UNUSED_RESULT;
/* Converts MSG into JSON, destroying MSG. */
struct json *jsonrpc_msg_to_json(struct jsonrpc_msg *msg);

/* Returns MSG as JSON text (MSG is not changed), for logs and tests. */
char *jsonrpc_msg_to_string(const struct jsonrpc_msg *msg);
/* Appends to DS the JSON text of MSG, exactly what serializing
 * jsonrpc_msg_to_json(MSG) would give, without building that object and
 * without consuming MSG. */
struct ds;
void jsonrpc_msg_to_ds(const struct jsonrpc_msg *msg, struct ds *ds);

/* Connections. */

/* The default limit on the size of one received message, in bytes. */
#define JSONRPC_DEFAULT_MAX_MSG_SIZE (512 * 1024 * 1024)

/* Opens STREAM (e.g. "tcp:1.2.3.4" or "unix:/path") as for stream_open(),
 * using OVSDB's port 6640 if a TCP name has none. */
int jsonrpc_stream_open(const char *name, struct stream **streamp,
                        uint8_t dscp);
int jsonrpc_pstream_open(const char *name, struct pstream **pstreamp,
                         uint8_t dscp);

/* Starts a JSON-RPC connection over STREAM, which the result owns. */
struct jsonrpc *jsonrpc_open(struct stream *stream);
/* Closes RPC and its stream.  RPC may be null. */
void jsonrpc_close(struct jsonrpc *rpc);

/* Sends queued output and does the stream's background work. */
void jsonrpc_run(struct jsonrpc *rpc);
/* Wakes the poll loop when jsonrpc_run() would do something. */
void jsonrpc_wait(struct jsonrpc *rpc);

/* 0 while RPC works, then the error that stopped it (EOF: closed by the
 * peer; EPROTO: the peer sent something invalid; EMSGSIZE: the peer sent a
 * message larger than the limit). */
int jsonrpc_get_status(const struct jsonrpc *rpc);
/* Bytes queued for sending and not yet sent. */
size_t jsonrpc_get_backlog(const struct jsonrpc *rpc);
/* Total bytes received so far (for noticing activity). */
unsigned long long int jsonrpc_get_received_bytes(const struct jsonrpc *rpc);
/* The stream's name, e.g. "unix:/run/x.ctl", used in log messages. */
const char *jsonrpc_get_name(const struct jsonrpc *rpc);

/* Sets the largest message RPC accepts from its peer, in bytes counted from
 * the first byte of the message's JSON text (0: no limit). */
void jsonrpc_set_max_msg_size(struct jsonrpc *rpc, size_t max);

/* Queues MSG (taking it) for sending.  Returns 0, or RPC's status if it has
 * already failed (MSG is then discarded). */
int jsonrpc_send(struct jsonrpc *rpc, struct jsonrpc_msg *msg);
/* Queues TEXT, the N-byte serialized JSON of one complete message, for
 * sending as is, taking ownership of TEXT (a malloc'd buffer).  For
 * servers that serialize a message once and send it to many peers; the
 * caller vouches for the text, which is neither checked nor logged.
 * Returns like jsonrpc_send(). */
int jsonrpc_send_text(struct jsonrpc *rpc, char *text, size_t n);
/* Receives a message if one is complete: returns 0 and stores it in *MSGP,
 * or returns EAGAIN (nothing yet) or RPC's error, storing NULL. */
int jsonrpc_recv(struct jsonrpc *rpc, struct jsonrpc_msg **msgp);
void jsonrpc_recv_wait(struct jsonrpc *rpc);

/* Blocking versions, for command-line tools: they run their own poll loop
 * until done or until RPC fails. */
int jsonrpc_send_block(struct jsonrpc *rpc, struct jsonrpc_msg *msg);
int jsonrpc_recv_block(struct jsonrpc *rpc, struct jsonrpc_msg **msgp);
/* Sends REQUEST and waits for the reply or error with the same id, which is
 * stored in *REPLYP (NULL on failure).  Other messages that arrive
 * meanwhile are discarded, except "echo" requests, which are answered. */
int jsonrpc_transact_block(struct jsonrpc *rpc, struct jsonrpc_msg *request,
                           struct jsonrpc_msg **replyp);

/* Sessions. */

/* Creates a session for NAME: active names ("tcp:", "unix:") connect,
 * passive ones ("ptcp:", "punix:") listen.  If RETRY is false, an active
 * session gives up after the first failed connection attempt or the first
 * disconnection (see jsonrpc_session_is_alive()). */
struct jsonrpc_session *jsonrpc_session_open(const char *name, bool retry);
/* Wraps an established RPC (for example accepted from a pstream by the
 * caller) in a session that does not reconnect once it is lost. */
struct jsonrpc_session *jsonrpc_session_open_unreliably(struct jsonrpc *rpc,
                                                        uint8_t dscp);
void jsonrpc_session_close(struct jsonrpc_session *s);

void jsonrpc_session_run(struct jsonrpc_session *s);
void jsonrpc_session_wait(struct jsonrpc_session *s);

/* Queues MSG (taken) if connected; otherwise discards it and returns
 * ENOTCONN. */
int jsonrpc_session_send(struct jsonrpc_session *s, struct jsonrpc_msg *msg);
/* Like jsonrpc_send_text() on the session's connection. */
int jsonrpc_session_send_text(struct jsonrpc_session *s, char *text,
                              size_t n);
/* Returns the next received message, or NULL.  "echo" requests from the peer
 * are answered here and replies to our own probes are swallowed. */
struct jsonrpc_msg *jsonrpc_session_recv(struct jsonrpc_session *s);
void jsonrpc_session_recv_wait(struct jsonrpc_session *s);

/* False once a session that does not retry has lost its connection (or
 * could not make one) for good. */
bool jsonrpc_session_is_alive(const struct jsonrpc_session *s);
bool jsonrpc_session_is_connected(const struct jsonrpc_session *s);
/* A number that changes whenever the session connects or disconnects, so
 * that users notice they must resend state. */
unsigned int jsonrpc_session_get_seqno(const struct jsonrpc_session *s);
/* The last connection error, or 0. */
int jsonrpc_session_get_last_error(const struct jsonrpc_session *s);
size_t jsonrpc_session_get_backlog(const struct jsonrpc_session *s);
const char *jsonrpc_session_get_name(const struct jsonrpc_session *s);

/* Drops the current connection (if any) and connects again at once. */
void jsonrpc_session_force_reconnect(struct jsonrpc_session *s);
/* Sets the maximum time between reconnection attempts, in ms. */
void jsonrpc_session_set_max_backoff(struct jsonrpc_session *s,
                                     int max_backoff);
/* Sets how long the connection may be idle before an "echo" probe is sent,
 * in ms (0: never probe). */
void jsonrpc_session_set_probe_interval(struct jsonrpc_session *s,
                                        int probe_interval);
void jsonrpc_session_set_dscp(struct jsonrpc_session *s, uint8_t dscp);

#endif /* jsonrpc.h */
