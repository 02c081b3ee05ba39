/* netlink-socket.c: Netlink sockets, transactions, dumps and generic
 * netlink family lookup (see netlink-socket.h). */
#include <config.h>
#include "netlink-socket.h"

#include <errno.h>
#include <inttypes.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "coverage.h"
#include "netlink.h"
#include "ovs-thread.h"
#include "poll-loop.h"
#include "shash.h"
#include "socket-util.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(netlink_socket);

COVERAGE_DEFINE(netlink_received);
COVERAGE_DEFINE(netlink_sent);
COVERAGE_DEFINE(netlink_overflow);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

struct nl_sock {
    int fd;                     /* Nonblocking AF_NETLINK socket. */
    int protocol;               /* NETLINK_ROUTE, NETLINK_GENERIC, ... */
    uint32_t next_seq;          /* Sequence number of the next request. */
    uint32_t pid;               /* Port id the kernel bound us to. */
};

/* Sequence numbers start from a per-process value so that replies meant
 * for an earlier socket with the same port id are not mistaken for
 * ours. */
static uint32_t
nl_sock_initial_seq(void)
{
    static uint32_t counter;

    return ((uint32_t) getpid() << 16)
           + __atomic_fetch_add(&counter, 1 << 12, __ATOMIC_RELAXED);
}

int
nl_sock_create(int protocol, struct nl_sock **sockp)
{
    struct sockaddr_nl local;
    socklen_t local_size = sizeof local;
    struct nl_sock *sock;
    int one = 1;
    int error;
    int fd;

    *sockp = NULL;
    fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK,
                protocol);
    if (fd < 0) {
        error = errno;
        VLOG_ERR_RL(&rl, "netlink socket (protocol %d): %s", protocol,
                    ovs_strerror(error));
        return error;
    }

    /* Extended acknowledgements are nice to have only; old kernels lack
     * them.  Capped acks keep errors small. */
    setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof one);
    setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof one);

    memset(&local, 0, sizeof local);
    local.nl_family = AF_NETLINK;
    if (bind(fd, (struct sockaddr *) &local, sizeof local) < 0
        || getsockname(fd, (struct sockaddr *) &local, &local_size) < 0) {
        error = errno;
        VLOG_ERR_RL(&rl, "netlink socket bind: %s", ovs_strerror(error));
        close(fd);
        return error;
    }

    sock = xmalloc(sizeof *sock);
    sock->fd = fd;
    sock->protocol = protocol;
    sock->next_seq = nl_sock_initial_seq();
    sock->pid = local.nl_pid;
    *sockp = sock;
    return 0;
}

void
nl_sock_destroy(struct nl_sock *sock)
{
    if (sock) {
        close(sock->fd);
        free(sock);
    }
}

static int
nl_sock_mcgroup__(struct nl_sock *sock, unsigned int group, int optname)
{
    if (setsockopt(sock->fd, SOL_NETLINK, optname, &group, sizeof group)
        < 0) {
        int error = errno;

        VLOG_WARN_RL(&rl, "could not %s netlink multicast group %u (%s)",
                     optname == NETLINK_ADD_MEMBERSHIP ? "join" : "leave",
                     group, ovs_strerror(error));
        return error;
    }
    return 0;
}

int
nl_sock_join_mcgroup(struct nl_sock *sock, unsigned int group)
{
    return nl_sock_mcgroup__(sock, group, NETLINK_ADD_MEMBERSHIP);
}

int
nl_sock_leave_mcgroup(struct nl_sock *sock, unsigned int group)
{
    return nl_sock_mcgroup__(sock, group, NETLINK_DROP_MEMBERSHIP);
}

static void
nl_sock_block(const struct nl_sock *sock, short int events)
{
    struct pollfd pfd = { .fd = sock->fd, .events = events };

    while (poll(&pfd, 1, -1) < 0 && errno == EINTR) {
        continue;
    }
}

int
nl_sock_send_seq(struct nl_sock *sock, struct ofpbuf *msg, bool wait,
                 uint32_t *seqp)
{
    struct nlmsghdr *nlmsghdr = nl_msg_nlmsghdr(msg);
    ssize_t n;

    ovs_assert(nlmsghdr);
    nlmsghdr->nlmsg_len = msg->size;
    nlmsghdr->nlmsg_seq = sock->next_seq++;
    nlmsghdr->nlmsg_pid = sock->pid;
    if (seqp) {
        *seqp = nlmsghdr->nlmsg_seq;
    }
    for (;;) {
        n = send(sock->fd, msg->data, msg->size, 0);
        if (n >= 0) {
            COVERAGE_INC(netlink_sent);
            return 0;
        } else if (errno == EINTR) {
            continue;
        } else if (errno == EAGAIN && wait) {
            nl_sock_block(sock, POLLOUT);
            continue;
        }
        return errno;
    }
}

int
nl_sock_send(struct nl_sock *sock, struct ofpbuf *msg, bool wait)
{
    return nl_sock_send_seq(sock, msg, wait, NULL);
}

int
nl_sock_recv(struct nl_sock *sock, struct ofpbuf *buf, bool wait)
{
    for (;;) {
        ssize_t n;

        /* Learn the datagram's size first, so that a dump message larger
         * than any fixed buffer is never cut short. */
        n = recv(sock->fd, NULL, 0, MSG_PEEK | MSG_TRUNC);
        if (n >= 0) {
            ofpbuf_clear(buf);
            ofpbuf_prealloc_tailroom(buf, n ? n : 1);
            n = recv(sock->fd, buf->data, n, MSG_TRUNC);
        }
        if (n < 0) {
            int error = errno;

            if (error == EINTR) {
                continue;
            } else if (error == EAGAIN && wait) {
                nl_sock_block(sock, POLLIN);
                continue;
            } else if (error == ENOBUFS) {
                COVERAGE_INC(netlink_overflow);
                VLOG_DBG_RL(&rl, "netlink receive buffer overflowed");
            }
            return error;
        }
        buf->size = n;
        COVERAGE_INC(netlink_received);
        return 0;
    }
}

int
nl_sock_transact(struct nl_sock *sock, struct ofpbuf *request,
                 struct ofpbuf **replyp)
{
    struct ofpbuf *reply = NULL;
    struct ofpbuf buf;
    uint32_t seq;
    int error;

    if (replyp) {
        *replyp = NULL;
    }
    nl_msg_nlmsghdr(request)->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
    error = nl_sock_send_seq(sock, request, true, &seq);
    if (error) {
        return error;
    }

    ofpbuf_init(&buf, 4096);
    for (;;) {
        struct nlmsghdr *nlmsghdr;
        struct ofpbuf msg;

        error = nl_sock_recv(sock, &buf, true);
        if (error == ENOBUFS) {
            /* Only multicast traffic overflows; our reply is still
             * coming. */
            continue;
        } else if (error) {
            break;
        }
        while ((nlmsghdr = nl_msg_next(&buf, &msg)) != NULL) {
            int code;

            if (nlmsghdr->nlmsg_seq != seq) {
                VLOG_DBG_RL(&rl, "ignoring netlink message with sequence "
                            "%"PRIu32" (expected %"PRIu32")",
                            nlmsghdr->nlmsg_seq, seq);
                continue;
            }
            if (nl_msg_nlmsgerr(&msg, &code)) {
                error = code;
                goto done;
            }
            if (!reply) {
                reply = ofpbuf_clone(&msg);
            }
        }
    }

done:
    ofpbuf_uninit(&buf);
    if (error || !replyp) {
        ofpbuf_delete(reply);
    } else {
        *replyp = reply;
    }
    return error;
}

/* One socket per protocol for nl_transact(), created on first use. */
static struct ovs_mutex transact_mutex = OVS_MUTEX_INITIALIZER;
static struct nl_sock *transact_socks[32];

int
nl_transact(int protocol, struct ofpbuf *request, struct ofpbuf **replyp)
{
    int error;

    if (protocol < 0 || protocol >= ARRAY_SIZE(transact_socks)) {
        if (replyp) {
            *replyp = NULL;
        }
        return EINVAL;
    }
    ovs_mutex_lock(&transact_mutex);
    if (!transact_socks[protocol]) {
        error = nl_sock_create(protocol, &transact_socks[protocol]);
        if (error) {
            ovs_mutex_unlock(&transact_mutex);
            if (replyp) {
                *replyp = NULL;
            }
            return error;
        }
    }
    error = nl_sock_transact(transact_socks[protocol], request, replyp);
    ovs_mutex_unlock(&transact_mutex);
    return error;
}

int
nl_sock_drain(struct nl_sock *sock)
{
    char buf[4096];

    while (recv(sock->fd, buf, sizeof buf, MSG_DONTWAIT | MSG_TRUNC) >= 0
           || errno == EINTR || errno == ENOBUFS) {
        continue;
    }
    return errno == EAGAIN ? 0 : errno;
}

void
nl_sock_wait(const struct nl_sock *sock, short int events)
{
    poll_fd_wait(sock->fd, events);
}

int
nl_sock_fd(const struct nl_sock *sock)
{
    return sock->fd;
}

uint32_t
nl_sock_pid(const struct nl_sock *sock)
{
    return sock->pid;
}

/* Dumps. */

void
nl_dump_start(struct nl_dump *dump, int protocol, struct ofpbuf *request)
{
    ofpbuf_init(&dump->buffer, 4096);
    dump->seq = 0;
    dump->status = nl_sock_create(protocol, &dump->sock);
    if (!dump->status) {
        nl_msg_nlmsghdr(request)->nlmsg_flags |= NLM_F_REQUEST | NLM_F_DUMP;
        dump->status = nl_sock_send_seq(dump->sock, request, true,
                                        &dump->seq);
    }
}

bool
nl_dump_next(struct nl_dump *dump, struct ofpbuf *reply)
{
    for (;;) {
        struct nlmsghdr *nlmsghdr;
        int code;

        if (dump->status) {
            ofpbuf_use_const(reply, NULL, 0);
            return false;
        }
        if (!dump->buffer.size) {
            int error = nl_sock_recv(dump->sock, &dump->buffer, true);

            if (error) {
                dump->status = error;
                continue;
            }
        }
        nlmsghdr = nl_msg_next(&dump->buffer, reply);
        if (!nlmsghdr) {
            dump->status = EPROTO;
        } else if (nlmsghdr->nlmsg_seq != dump->seq) {
            VLOG_DBG_RL(&rl, "ignoring dump message with sequence %"PRIu32,
                        nlmsghdr->nlmsg_seq);
        } else if (nlmsghdr->nlmsg_type == NLMSG_DONE) {
            dump->status = EOF;
        } else if (nl_msg_nlmsgerr(reply, &code)) {
            dump->status = code ? code : EPROTO;
        } else {
            return true;
        }
    }
}

int
nl_dump_done(struct nl_dump *dump)
{
    int status = dump->status;

    nl_sock_destroy(dump->sock);
    dump->sock = NULL;
    ofpbuf_uninit(&dump->buffer);
    return status == EOF ? 0 : status;
}

/* Generic netlink. */

struct genl_family {
    int id;                     /* Family number. */
    struct shash mcgroups;      /* Group name to (uintptr_t) group id. */
};

static struct ovs_mutex genl_mutex = OVS_MUTEX_INITIALIZER;
static struct shash genl_families = SHASH_INITIALIZER(&genl_families);

static const struct nl_policy family_policy[] = {
    [CTRL_ATTR_FAMILY_ID] = { .type = NL_A_U16 },
    [CTRL_ATTR_MCAST_GROUPS] = { .type = NL_A_NESTED, .optional = true },
};

static const struct nl_policy mcgroup_policy[] = {
    [CTRL_ATTR_MCAST_GRP_NAME] = { .type = NL_A_STRING, .max_len = 16 },
    [CTRL_ATTR_MCAST_GRP_ID] = { .type = NL_A_U32 },
};

/* Asks the kernel about family NAME.  Returns 0 and a new struct
 * genl_family, or ENOENT if the family is not there, or another errno. */
static int
genl_family_query(const char *name, struct genl_family **familyp)
{
    struct nlattr *attrs[ARRAY_SIZE(family_policy)];
    struct genl_family *family;
    struct ofpbuf request, *reply;
    int error;

    *familyp = NULL;
    ofpbuf_init(&request, 0);
    nl_msg_put_genlmsghdr(&request, 0, GENL_ID_CTRL, NLM_F_REQUEST,
                          CTRL_CMD_GETFAMILY, 1);
    nl_msg_put_string(&request, CTRL_ATTR_FAMILY_NAME, name);
    error = nl_transact(NETLINK_GENERIC, &request, &reply);
    ofpbuf_uninit(&request);
    if (error) {
        return error;
    }
    if (!reply
        || !nl_policy_parse(reply, NLMSG_HDRLEN + GENL_HDRLEN,
                            family_policy, attrs,
                            ARRAY_SIZE(family_policy))) {
        VLOG_WARN_RL(&rl, "bad reply looking up generic netlink family "
                     "%s", name);
        ofpbuf_delete(reply);
        return EPROTO;
    }

    family = xmalloc(sizeof *family);
    family->id = nl_attr_get_u16(attrs[CTRL_ATTR_FAMILY_ID]);
    shash_init(&family->mcgroups);
    if (attrs[CTRL_ATTR_MCAST_GROUPS]) {
        const struct nlattr *nla;
        size_t left;

        NL_NESTED_FOR_EACH (nla, left, attrs[CTRL_ATTR_MCAST_GROUPS]) {
            struct nlattr *g[ARRAY_SIZE(mcgroup_policy)];

            if (nl_parse_nested(nla, mcgroup_policy, g,
                                ARRAY_SIZE(mcgroup_policy))) {
                uintptr_t id = nl_attr_get_u32(g[CTRL_ATTR_MCAST_GRP_ID]);

                shash_add(&family->mcgroups,
                          nl_attr_get_string(g[CTRL_ATTR_MCAST_GRP_NAME]),
                          (void *) id);
            }
        }
    }
    ofpbuf_delete(reply);
    *familyp = family;
    return 0;
}

static int
genl_family_get(const char *name, struct genl_family **familyp)
{
    int error = 0;

    ovs_mutex_lock(&genl_mutex);
    *familyp = shash_find_data(&genl_families, name);
    if (!*familyp) {
        error = genl_family_query(name, familyp);
        if (!error) {
            shash_add(&genl_families, name, *familyp);
        }
    }
    ovs_mutex_unlock(&genl_mutex);
    return error;
}

int
nl_lookup_genl_family(const char *name, int *number)
{
    struct genl_family *family;
    int error = genl_family_get(name, &family);

    *number = error ? 0 : family->id;
    return error;
}

int
nl_lookup_genl_mcgroup(const char *family_name, const char *group_name,
                       unsigned int *multicast_group)
{
    struct genl_family *family;
    struct shash_node *node;
    int error;

    *multicast_group = 0;
    error = genl_family_get(family_name, &family);
    if (error) {
        return error;
    }
    ovs_mutex_lock(&genl_mutex);
    node = shash_find(&family->mcgroups, group_name);
    if (node) {
        *multicast_group = (uintptr_t) node->data;
    }
    ovs_mutex_unlock(&genl_mutex);
    return node ? 0 : ENOENT;
}
