/* rtnetlink.h: link change notifications from the kernel.
 *
 * Modules that track network devices (netdev-linux) register a callback
 * with rtnetlink_notifier_create().  The first registration opens one
 * NETLINK_ROUTE socket subscribed to RTNLGRP_LINK; rtnetlink_run() reads
 * every queued RTM_NEWLINK/RTM_DELLINK message, parses it into a struct
 * rtnetlink_change and passes it to every callback; rtnetlink_wait()
 * wakes the poll loop when more arrive.  If the kernel dropped
 * notifications (our socket's buffer overflowed), each callback is called
 * once with a null change: it must then re-read all the state it
 * tracks.  The last notifier destroyed closes the socket.
 *
 * rtnetlink_parse() is also usable on its own, for the replies to
 * RTM_GETLINK requests, which have the same shape.
 *
 * Thread safety: call everything here from one thread (the main loop). */
#ifndef RTNETLINK_H
#define RTNETLINK_H 1

#include <stdbool.h>
#include <stdint.h>
#include "ofpbuf.h"
#include "packets.h"

struct rtnetlink_change {
    int nlmsg_type;             /* RTM_NEWLINK or RTM_DELLINK. */
    int if_index;               /* Kernel interface index. */
    const char *ifname;         /* Name; points into the message. */
    int master_ifindex;         /* Master (bridge, bond) or 0. */
    unsigned int ifi_flags;     /* IFF_UP, IFF_RUNNING, ... */
    unsigned int mtu;           /* 0 if not in the message. */
    struct eth_addr mac;        /* Zero if not in the message. */
    bool has_mac;               /* Whether 'mac' came in the message. */
    uint8_t operstate;          /* IF_OPER_*, or 0 if not given. */
};

typedef void rtnetlink_notify_func(const struct rtnetlink_change *,
                                   void *aux);

struct rtnetlink_notifier;

struct rtnetlink_notifier *rtnetlink_notifier_create(rtnetlink_notify_func *,
                                                     void *aux);
void rtnetlink_notifier_destroy(struct rtnetlink_notifier *);

void rtnetlink_run(void);
void rtnetlink_wait(void);

/* Parses MSG, an RTM_NEWLINK or RTM_DELLINK message, into *CHANGE (which
 * points into MSG).  Returns false, leaving *CHANGE unspecified, if MSG is
 * something else or malformed. */
bool rtnetlink_parse(const struct ofpbuf *msg, struct rtnetlink_change *);

#endif /* rtnetlink.h */
