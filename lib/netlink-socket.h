/* netlink-socket.h: Netlink sockets (NETLINK_ROUTE, NETLINK_GENERIC, ...).
 *
 * A struct nl_sock is one nonblocking Netlink socket bound to a port id
 * the kernel picks.  Three ways to use one:
 *
 *   - Requests with an answer: nl_sock_transact() (or nl_transact(), which
 *     uses a socket per protocol kept for the purpose) sends a request
 *     with NLM_F_ACK and waits for the kernel's acknowledgement, returning
 *     the reply message that came before it, if any, or the error the
 *     kernel reported as a positive errno.  Messages with another sequence
 *     number (stale replies to requests given up on) are skipped.
 *
 *   - Dumps: nl_dump_start() sends a request with NLM_F_DUMP; each
 *     nl_dump_next() returns one reply message until NLMSG_DONE;
 *     nl_dump_done() returns the first error seen.
 *
 *   - Notifications: nl_sock_join_mcgroup() subscribes to a multicast
 *     group; nl_sock_recv() without waiting returns EAGAIN when nothing is
 *     queued and nl_sock_wait() registers the socket with the poll loop.
 *     ENOBUFS from nl_sock_recv() means the kernel dropped notifications
 *     because our receive buffer overflowed: the caller must re-read
 *     whatever state it tracks.
 *
 * Generic netlink families and their multicast groups are numbered at run
 * time; nl_lookup_genl_family() and nl_lookup_genl_mcgroup() ask the
 * kernel's "nlctrl" family and cache the family numbers.
 *
 * Thread safety: a struct nl_sock is used by one thread at a time;
 * nl_transact() and the genl lookups may be called from any thread. */
#ifndef NETLINK_SOCKET_H
#define NETLINK_SOCKET_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ofpbuf.h"

struct nl_sock;

int nl_sock_create(int protocol, struct nl_sock **);
void nl_sock_destroy(struct nl_sock *);

int nl_sock_join_mcgroup(struct nl_sock *, unsigned int multicast_group);
int nl_sock_leave_mcgroup(struct nl_sock *, unsigned int multicast_group);

/* Sends MSG, first setting its nlmsg_len from its size and its sequence
 * number to a fresh one (returned by nl_sock_send_seq() in *SEQP).  If
 * WAIT, blocks until the kernel takes it; otherwise may return EAGAIN. */
int nl_sock_send(struct nl_sock *, struct ofpbuf *msg, bool wait);
int nl_sock_send_seq(struct nl_sock *, struct ofpbuf *msg, bool wait,
                     uint32_t *seqp);

/* Receives one datagram (which may hold several messages: split them with
 * nl_msg_next()) into BUF, replacing its contents.  Returns 0, EAGAIN if
 * nothing is there and not WAIT, ENOBUFS after an overflow, or another
 * errno. */
int nl_sock_recv(struct nl_sock *, struct ofpbuf *buf, bool wait);

/* Sends REQUEST (with NLM_F_ACK added) and waits for the acknowledgement.
 * On success returns 0 and, if REPLYP is nonnull, stores in *REPLYP the
 * reply message that preceded the acknowledgement, or NULL if there was
 * none.  On failure returns a positive errno and stores NULL.  The caller
 * frees *REPLYP with ofpbuf_delete(). */
int nl_sock_transact(struct nl_sock *, struct ofpbuf *request,
                     struct ofpbuf **replyp);
int nl_transact(int protocol, struct ofpbuf *request,
                struct ofpbuf **replyp);

/* Discards everything queued for receive. */
int nl_sock_drain(struct nl_sock *);

void nl_sock_wait(const struct nl_sock *, short int events);
int nl_sock_fd(const struct nl_sock *);
uint32_t nl_sock_pid(const struct nl_sock *);

/* Dumps. */
struct nl_dump {
    struct nl_sock *sock;       /* Private socket for this dump. */
    uint32_t seq;               /* Sequence number of the request. */
    struct ofpbuf buffer;       /* Received messages not yet returned. */
    int status;                 /* 0, EOF once done, or an errno. */
};

/* Starts a dump: sends REQUEST (NLM_F_DUMP and NLM_F_REQUEST added) on a
 * new socket of PROTOCOL. */
void nl_dump_start(struct nl_dump *, int protocol, struct ofpbuf *request);
/* Points REPLY (not owning; valid until the next call) at the next reply
 * message and returns true, or returns false at the end or on error. */
bool nl_dump_next(struct nl_dump *, struct ofpbuf *reply);
/* Ends the dump; returns 0 if it completed, otherwise an errno. */
int nl_dump_done(struct nl_dump *);

/* Generic netlink. */
int nl_lookup_genl_family(const char *name, int *number);
int nl_lookup_genl_mcgroup(const char *family_name, const char *group_name,
                           unsigned int *multicast_group);

#endif /* netlink-socket.h */
