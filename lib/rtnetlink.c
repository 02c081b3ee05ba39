/* rtnetlink.c: link change notifications (see rtnetlink.h). */
#include <config.h>
#include "rtnetlink.h"

#include <errno.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include "coverage.h"
#include "list.h"
#include "netlink-socket.h"
#include "netlink.h"
#include "poll-loop.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(rtnetlink);

COVERAGE_DEFINE(rtnetlink_change);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

struct rtnetlink_notifier {
    struct ovs_list node;       /* In 'notifiers'. */
    rtnetlink_notify_func *cb;
    void *aux;
};

static struct ovs_list notifiers = OVS_LIST_INITIALIZER(&notifiers);
static struct nl_sock *notify_sock;

/* Whether the subscription failed and must be retried from run(). */
static bool notify_sock_broken;

static void
rtnetlink_notify_all(const struct rtnetlink_change *change)
{
    struct rtnetlink_notifier *n;

    LIST_FOR_EACH_SAFE (n, node, &notifiers) {
        n->cb(change, n->aux);
    }
}

static int
rtnetlink_open(void)
{
    int error = nl_sock_create(NETLINK_ROUTE, &notify_sock);

    if (!error) {
        error = nl_sock_join_mcgroup(notify_sock, RTNLGRP_LINK);
        if (error) {
            nl_sock_destroy(notify_sock);
            notify_sock = NULL;
        }
    }
    if (error) {
        VLOG_WARN_RL(&rl, "could not subscribe to link notifications (%s)",
                     ovs_strerror(error));
    }
    notify_sock_broken = error != 0;
    return error;
}

struct rtnetlink_notifier *
rtnetlink_notifier_create(rtnetlink_notify_func *cb, void *aux)
{
    struct rtnetlink_notifier *n;

    if (!notify_sock) {
        rtnetlink_open();
    }
    n = xmalloc(sizeof *n);
    n->cb = cb;
    n->aux = aux;
    ovs_list_push_back(&notifiers, &n->node);
    return n;
}

void
rtnetlink_notifier_destroy(struct rtnetlink_notifier *n)
{
    if (n) {
        ovs_list_remove(&n->node);
        free(n);
        if (ovs_list_is_empty(&notifiers)) {
            nl_sock_destroy(notify_sock);
            notify_sock = NULL;
            notify_sock_broken = false;
        }
    }
}

void
rtnetlink_run(void)
{
    struct ofpbuf buf;
    int i;

    if (!notify_sock) {
        if (notify_sock_broken && !rtnetlink_open()) {
            /* We missed whatever happened while unsubscribed. */
            rtnetlink_notify_all(NULL);
        }
        if (!notify_sock) {
            return;
        }
    }

    ofpbuf_init(&buf, 4096);
    /* Bounded, so that a storm of changes cannot starve the caller. */
    for (i = 0; i < 50; i++) {
        struct ofpbuf msg;
        int error;

        error = nl_sock_recv(notify_sock, &buf, false);
        if (error == EAGAIN) {
            break;
        } else if (error == ENOBUFS) {
            VLOG_DBG_RL(&rl, "link notifications overflowed");
            rtnetlink_notify_all(NULL);
            continue;
        } else if (error) {
            VLOG_WARN_RL(&rl, "error reading link notifications (%s)",
                         ovs_strerror(error));
            break;
        }
        while (nl_msg_next(&buf, &msg)) {
            struct rtnetlink_change change;

            if (rtnetlink_parse(&msg, &change)) {
                COVERAGE_INC(rtnetlink_change);
                rtnetlink_notify_all(&change);
            }
        }
    }
    ofpbuf_uninit(&buf);
    if (i >= 50) {
        poll_immediate_wake();
    }
}

void
rtnetlink_wait(void)
{
    if (notify_sock) {
        nl_sock_wait(notify_sock, POLLIN);
    } else if (notify_sock_broken) {
        poll_timer_wait(1000);
    }
}

static const struct nl_policy link_policy[] = {
    [IFLA_IFNAME] = { .type = NL_A_STRING, .optional = false },
    [IFLA_MASTER] = { .type = NL_A_U32, .optional = true },
    [IFLA_MTU] = { .type = NL_A_U32, .optional = true },
    [IFLA_ADDRESS] = { .type = NL_A_UNSPEC, .optional = true },
    [IFLA_OPERSTATE] = { .type = NL_A_U8, .optional = true },
};

bool
rtnetlink_parse(const struct ofpbuf *msg, struct rtnetlink_change *change)
{
    const struct nlmsghdr *nlmsghdr = nl_msg_nlmsghdr(msg);
    struct nlattr *attrs[ARRAY_SIZE(link_policy)];
    const struct ifinfomsg *ifi;

    if (!nlmsghdr
        || (nlmsghdr->nlmsg_type != RTM_NEWLINK
            && nlmsghdr->nlmsg_type != RTM_DELLINK)) {
        return false;
    }
    ifi = ofpbuf_at(msg, NLMSG_HDRLEN, sizeof *ifi);
    if (!ifi
        || !nl_policy_parse(msg, NLMSG_HDRLEN + NLMSG_ALIGN(sizeof *ifi),
                            link_policy, attrs, ARRAY_SIZE(link_policy))) {
        VLOG_DBG_RL(&rl, "malformed link notification");
        return false;
    }

    memset(change, 0, sizeof *change);
    change->nlmsg_type = nlmsghdr->nlmsg_type;
    change->if_index = ifi->ifi_index;
    change->ifi_flags = ifi->ifi_flags;
    change->ifname = nl_attr_get_string(attrs[IFLA_IFNAME]);
    if (attrs[IFLA_MASTER]) {
        change->master_ifindex = nl_attr_get_u32(attrs[IFLA_MASTER]);
    }
    if (attrs[IFLA_MTU]) {
        change->mtu = nl_attr_get_u32(attrs[IFLA_MTU]);
    }
    if (attrs[IFLA_ADDRESS]
        && nl_attr_get_size(attrs[IFLA_ADDRESS]) == ETH_ADDR_LEN) {
        memcpy(&change->mac, nl_attr_get(attrs[IFLA_ADDRESS]),
               ETH_ADDR_LEN);
        change->has_mac = true;
    }
    if (attrs[IFLA_OPERSTATE]) {
        change->operstate = nl_attr_get_u8(attrs[IFLA_OPERSTATE]);
    }
    return true;
}
