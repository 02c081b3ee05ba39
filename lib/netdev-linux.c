/* netdev-linux.c: Linux network devices: "system" (an existing device
 * reached through a packet socket), "internal" and "tap" (a tap device).
 *
 * Packets move in batches.  A system device's receive queue is an
 * AF_PACKET socket bound to the device's ifindex, read with one
 * recvmmsg() for up to NETDEV_MAX_BURST packets; sending is one
 * sendmmsg() per batch on a separate, unbound AF_PACKET socket (each
 * message names the device's ifindex, so a device that is deleted and
 * made again keeps working).  Both sockets use PACKET_VNET_HDR: every
 * packet is preceded by a struct virtio_net_hdr, which carries the
 * kernel's offload state.  A TCP segment a veth peer sent with a checksum
 * still to be computed ("partial", CHECKSUM_PARTIAL in the kernel) or as
 * one large GSO packet arrives marked as such (DP_PACKET_OL_L4_CSUM_PARTIAL,
 * DP_PACKET_OL_TCP_SEG) instead of being completed or segmented in
 * software, and goes out again the same way: the next device or the
 * receiving stack finishes the job.  This is what makes TCP through the
 * switch fast with offloads left on.
 *
 * Receive buffers: each of the NETDEV_MAX_BURST slots of a receive queue
 * reads into a dp_packet sized for the MTU and, for anything longer (GSO
 * packets are up to 64 kB), on into a per-slot spill-over buffer; only
 * packets that overflow are copied into a larger dp_packet.
 *
 * VLAN tags: the kernel strips the outermost 802.1Q/802.1ad tag from
 * received frames (hardware or software VLAN acceleration) and reports it
 * in PACKET_AUXDATA; we put it back so that the datapath sees the frame
 * as it was on the wire.  Frames the device sent (PACKET_OUTGOING, which
 * a packet socket sees too) are ignored on receive.
 *
 * Tap devices ("internal", "tap") use /dev/net/tun with IFF_TAP,
 * IFF_NO_PI and IFF_VNET_HDR.  A character device has no batch system
 * call: a receive reads up to NETDEV_MAX_BURST packets with one readv()
 * each, stopping at the first EAGAIN, and a send writes each packet with
 * one writev().  The device disappears when we close it unless it was
 * made persistent beforehand (a "tap" created by "ip tuntap add").
 *
 * Status (flags, carrier, MTU, Ethernet address, ifindex) is cached per
 * device and kept fresh by rtnetlink link notifications, which also bump
 * the device's change sequence number and count carrier changes;
 * statistics come from an RTM_GETLINK request, the link speed from
 * ethtool. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/ethtool.h>
#include <linux/if_ether.h>
#include <linux/if_link.h>
#include <linux/if_packet.h>
#include <linux/if_tun.h>
#include <linux/rtnetlink.h>
#include <linux/sockios.h>
#include <linux/virtio_net.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>
#include "coverage.h"
#include "dp-packet.h"
#include "list.h"
#include "netdev-provider.h"
#include "netlink-socket.h"
#include "netlink.h"
#include "ovs-thread.h"
#include "poll-loop.h"
#include "rtnetlink.h"
#include "socket-util.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(netdev_linux);

COVERAGE_DEFINE(netdev_linux_recvmmsg);
COVERAGE_DEFINE(netdev_linux_sendmmsg);
COVERAGE_DEFINE(netdev_linux_tap_read);
COVERAGE_DEFINE(netdev_linux_tap_write);
COVERAGE_DEFINE(netdev_linux_rx_drop);
COVERAGE_DEFINE(netdev_linux_tx_drop);
COVERAGE_DEFINE(netdev_linux_vlan_reinsert);
COVERAGE_DEFINE(netdev_linux_rx_partial_csum);
COVERAGE_DEFINE(netdev_linux_rx_gso);
COVERAGE_DEFINE(netdev_get_stats);
COVERAGE_DEFINE(netdev_get_ethtool);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

#define VNET_HDR_LEN sizeof(struct virtio_net_hdr)

/* Bytes a spill-over buffer takes: the largest GSO packet. */
#define LINUX_RX_SPILL 65536

enum linux_kind {
    LINUX_SYSTEM,               /* Existing device, packet sockets. */
    LINUX_INTERNAL,             /* Tap device we create. */
    LINUX_TAP,                  /* Tap device, maybe pre-existing. */
};

/* Which cached values are valid. */
enum {
    VALID_IFINDEX = 1 << 0,
    VALID_FLAGS = 1 << 1,
    VALID_MTU = 1 << 2,
    VALID_ETHERADDR = 1 << 3,
};

struct netdev_linux {
    struct netdev up;
    enum linux_kind kind;
    struct ovs_list list_node;  /* In 'all_devs'. */

    /* Cached status, protected by 'mutex'. */
    struct ovs_mutex mutex;
    unsigned int cache_valid;   /* VALID_*. */
    int ifindex;
    unsigned int ifi_flags;     /* IFF_*. */
    int mtu;
    struct eth_addr etheraddr;
    long long int carrier_resets;

    int tx_fd;                  /* System: unbound AF_PACKET socket. */
    int tap_fd;                 /* Internal, tap: /dev/net/tun. */
};

struct linux_rx_slot {
    struct dp_packet *packet;   /* Buffer for the next packet, or NULL. */
    struct virtio_net_hdr vnet; /* Header received with the packet. */
    struct sockaddr_ll sll;     /* Where it came from (packet sockets). */
    union {
        struct cmsghdr cmsg;
        char buf[CMSG_SPACE(sizeof(struct tpacket_auxdata))];
    } control;
    struct iovec iov[3];        /* vnet, packet, spill-over. */
};

struct netdev_rxq_linux {
    struct netdev_rxq up;
    bool is_tap;                /* Read 'fd' with readv(), not recvmmsg. */
    int fd;                     /* Own socket, or the device's tap fd. */
    size_t buf_size;            /* Bytes a slot's dp_packet holds. */
    uint8_t *spill;             /* NETDEV_MAX_BURST * LINUX_RX_SPILL. */
    struct mmsghdr mmsgs[NETDEV_MAX_BURST];
    struct linux_rx_slot slots[NETDEV_MAX_BURST];
};

/* All open devices, for link notifications; main thread only. */
static struct ovs_list all_devs = OVS_LIST_INITIALIZER(&all_devs);
static struct rtnetlink_notifier *link_notifier;

static struct netdev_linux *
netdev_linux_cast(const struct netdev *netdev)
{
    return CONTAINER_OF(netdev, struct netdev_linux, up);
}

static struct netdev_rxq_linux *
netdev_rxq_linux_cast(const struct netdev_rxq *rxq)
{
    return CONTAINER_OF(rxq, struct netdev_rxq_linux, up);
}

/* ioctl helpers. */

static int
af_inet_sock(void)
{
    static struct ovsthread_once once = OVSTHREAD_ONCE_INITIALIZER;
    static int sock = -1;
    static int error;

    if (ovsthread_once_start(&once)) {
        sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        error = sock < 0 ? errno : 0;
        if (error) {
            VLOG_ERR("failed to create inet socket: %s",
                     ovs_strerror(error));
        }
        ovsthread_once_done(&once);
    }
    return error ? -error : sock;
}

static int
netdev_linux_ioctl(const char *name, unsigned long int cmd,
                   const char *cmd_name, struct ifreq *ifr)
{
    int sock = af_inet_sock();

    if (sock < 0) {
        return -sock;
    }
    ovs_strlcpy(ifr->ifr_name, name, sizeof ifr->ifr_name);
    if (ioctl(sock, cmd, ifr) < 0) {
        int error = errno;

        if (error != ENODEV) {
            VLOG_DBG_RL(&rl, "%s: ioctl(%s) failed: %s", name, cmd_name,
                        ovs_strerror(error));
        }
        return error;
    }
    return 0;
}

/* Status cache. */

/* Reads what VALID (VALID_*) asks for from the kernel into the cache.
 * Called with dev->mutex held. */
static int
netdev_linux_refresh(struct netdev_linux *dev, unsigned int valid)
{
    const char *name = dev->up.name;
    struct ifreq ifr;
    int error;

    valid &= ~dev->cache_valid;
    if (valid & VALID_IFINDEX) {
        memset(&ifr, 0, sizeof ifr);
        error = netdev_linux_ioctl(name, SIOCGIFINDEX, "SIOCGIFINDEX", &ifr);
        if (error) {
            return error;
        }
        dev->ifindex = ifr.ifr_ifindex;
        dev->cache_valid |= VALID_IFINDEX;
    }
    if (valid & VALID_FLAGS) {
        memset(&ifr, 0, sizeof ifr);
        error = netdev_linux_ioctl(name, SIOCGIFFLAGS, "SIOCGIFFLAGS", &ifr);
        if (error) {
            return error;
        }
        dev->ifi_flags = (unsigned short int) ifr.ifr_flags;
        dev->cache_valid |= VALID_FLAGS;
    }
    if (valid & VALID_MTU) {
        memset(&ifr, 0, sizeof ifr);
        error = netdev_linux_ioctl(name, SIOCGIFMTU, "SIOCGIFMTU", &ifr);
        if (error) {
            return error;
        }
        dev->mtu = ifr.ifr_mtu;
        dev->cache_valid |= VALID_MTU;
    }
    if (valid & VALID_ETHERADDR) {
        memset(&ifr, 0, sizeof ifr);
        error = netdev_linux_ioctl(name, SIOCGIFHWADDR, "SIOCGIFHWADDR",
                                   &ifr);
        if (error) {
            return error;
        }
        memcpy(&dev->etheraddr, ifr.ifr_hwaddr.sa_data, ETH_ADDR_LEN);
        dev->cache_valid |= VALID_ETHERADDR;
    }
    return 0;
}

/* Applies a link notification to the cache.  Called with dev->mutex
 * held.  Returns true if anything a caller can see changed. */
static bool
netdev_linux_apply_change(struct netdev_linux *dev,
                          const struct rtnetlink_change *change)
{
    bool changed = false;

    if (change->nlmsg_type == RTM_DELLINK) {
        changed = dev->cache_valid != 0;
        if ((dev->cache_valid & VALID_FLAGS)
            && (dev->ifi_flags & IFF_RUNNING)) {
            dev->carrier_resets++;
        }
        dev->cache_valid = 0;
        return changed;
    }

    if (!(dev->cache_valid & VALID_IFINDEX)
        || dev->ifindex != change->if_index) {
        dev->ifindex = change->if_index;
        dev->cache_valid |= VALID_IFINDEX;
        changed = true;
    }
    if (!(dev->cache_valid & VALID_FLAGS)
        || dev->ifi_flags != change->ifi_flags) {
        if ((dev->cache_valid & VALID_FLAGS)
            && ((dev->ifi_flags ^ change->ifi_flags) & IFF_RUNNING)) {
            dev->carrier_resets++;
        }
        dev->ifi_flags = change->ifi_flags;
        dev->cache_valid |= VALID_FLAGS;
        changed = true;
    }
    if (change->mtu && (!(dev->cache_valid & VALID_MTU)
                        || dev->mtu != change->mtu)) {
        dev->mtu = change->mtu;
        dev->cache_valid |= VALID_MTU;
        changed = true;
    }
    if (change->has_mac && (!(dev->cache_valid & VALID_ETHERADDR)
                            || !eth_addr_equals(dev->etheraddr,
                                                change->mac))) {
        dev->etheraddr = change->mac;
        dev->cache_valid |= VALID_ETHERADDR;
        changed = true;
    }
    return changed;
}

static void
netdev_linux_link_changed(const struct rtnetlink_change *change,
                          void *aux OVS_UNUSED)
{
    struct netdev_linux *dev;

    LIST_FOR_EACH (dev, list_node, &all_devs) {
        bool changed;

        ovs_mutex_lock(&dev->mutex);
        if (!change) {
            /* Notifications were lost: forget everything. */
            changed = true;
            dev->cache_valid = 0;
        } else if (!strcmp(change->ifname, dev->up.name)) {
            changed = netdev_linux_apply_change(dev, change);
        } else {
            changed = false;
        }
        ovs_mutex_unlock(&dev->mutex);
        if (changed) {
            netdev_change_seq_changed(&dev->up);
        }
    }
}

static void
netdev_linux_run(const struct netdev_class *class OVS_UNUSED)
{
    if (link_notifier) {
        rtnetlink_run();
    }
}

static void
netdev_linux_wait(const struct netdev_class *class OVS_UNUSED)
{
    if (link_notifier) {
        rtnetlink_wait();
    }
}

/* Construction. */

static struct netdev *
netdev_linux_alloc(void)
{
    struct netdev_linux *dev = xzalloc(sizeof *dev);

    return &dev->up;
}

static void
netdev_linux_dealloc(struct netdev *netdev)
{
    free(netdev_linux_cast(netdev));
}

static void
netdev_linux_common_construct(struct netdev_linux *dev, enum linux_kind kind)
{
    dev->kind = kind;
    ovs_mutex_init(&dev->mutex);
    dev->cache_valid = 0;
    dev->tx_fd = -1;
    dev->tap_fd = -1;
    dev->up.ol_flags = NETDEV_TX_OFFLOAD_L4_CSUM | NETDEV_TX_OFFLOAD_TCP_TSO;
    if (!link_notifier) {
        link_notifier = rtnetlink_notifier_create(netdev_linux_link_changed,
                                                  NULL);
    }
    ovs_list_push_back(&all_devs, &dev->list_node);
}

static void
netdev_linux_common_destruct(struct netdev_linux *dev)
{
    ovs_list_remove(&dev->list_node);
    if (ovs_list_is_empty(&all_devs)) {
        rtnetlink_notifier_destroy(link_notifier);
        link_notifier = NULL;
    }
    ovs_mutex_destroy(&dev->mutex);
}

static int
netdev_linux_construct(struct netdev *netdev)
{
    struct netdev_linux *dev = netdev_linux_cast(netdev);
    int one = 1;
    int error;

    netdev_linux_common_construct(dev, LINUX_SYSTEM);

    /* Read everything now, so that carrier changes count from here. */
    ovs_mutex_lock(&dev->mutex);
    error = netdev_linux_refresh(dev, VALID_IFINDEX | VALID_FLAGS
                                      | VALID_MTU | VALID_ETHERADDR);
    ovs_mutex_unlock(&dev->mutex);
    if (error) {
        goto error;
    }

    dev->tx_fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
    if (dev->tx_fd < 0) {
        error = errno;
        VLOG_ERR("%s: failed to create packet socket: %s", netdev->name,
                 ovs_strerror(error));
        goto error;
    }
    if (setsockopt(dev->tx_fd, SOL_PACKET, PACKET_VNET_HDR, &one,
                   sizeof one) < 0) {
        error = errno;
        VLOG_ERR("%s: PACKET_VNET_HDR: %s", netdev->name,
                 ovs_strerror(error));
        close(dev->tx_fd);
        goto error;
    }
    return 0;

error:
    netdev_linux_common_destruct(dev);
    return error;
}

static int
netdev_linux_tap_construct__(struct netdev *netdev, enum linux_kind kind)
{
    struct netdev_linux *dev = netdev_linux_cast(netdev);
    unsigned int offload;
    struct ifreq ifr;
    int vnet_len = VNET_HDR_LEN;
    int error;

    if (strlen(netdev->name) >= IFNAMSIZ) {
        return ENAMETOOLONG;
    }
    netdev_linux_common_construct(dev, kind);
    dev->tap_fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC | O_NONBLOCK);
    if (dev->tap_fd < 0) {
        error = errno;
        VLOG_WARN("opening \"/dev/net/tun\" failed: %s",
                  ovs_strerror(error));
        goto error;
    }
    memset(&ifr, 0, sizeof ifr);
    ifr.ifr_flags = IFF_TAP | IFF_NO_PI | IFF_VNET_HDR;
    ovs_strlcpy(ifr.ifr_name, netdev->name, sizeof ifr.ifr_name);
    if (ioctl(dev->tap_fd, TUNSETIFF, &ifr) < 0) {
        error = errno;
        VLOG_WARN("%s: creating tap device failed: %s", netdev->name,
                  ovs_strerror(error));
        goto error_close;
    }
    if (ioctl(dev->tap_fd, TUNSETVNETHDRSZ, &vnet_len) < 0) {
        error = errno;
        VLOG_WARN("%s: TUNSETVNETHDRSZ failed: %s", netdev->name,
                  ovs_strerror(error));
        goto error_close;
    }
    /* Let the kernel hand us packets with partial checksums and TSO
     * super-packets; fall back to less if it refuses. */
    offload = TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6;
    if (ioctl(dev->tap_fd, TUNSETOFFLOAD, offload) < 0
        && ioctl(dev->tap_fd, TUNSETOFFLOAD, TUN_F_CSUM) < 0) {
        VLOG_INFO("%s: tap offloads unavailable (%s)", netdev->name,
                  ovs_strerror(errno));
    }
    ovs_mutex_lock(&dev->mutex);
    netdev_linux_refresh(dev, VALID_IFINDEX | VALID_FLAGS | VALID_MTU
                              | VALID_ETHERADDR);
    ovs_mutex_unlock(&dev->mutex);
    return 0;

error_close:
    close(dev->tap_fd);
error:
    netdev_linux_common_destruct(dev);
    return error;
}

static int
netdev_internal_construct(struct netdev *netdev)
{
    return netdev_linux_tap_construct__(netdev, LINUX_INTERNAL);
}

static int
netdev_tap_construct(struct netdev *netdev)
{
    return netdev_linux_tap_construct__(netdev, LINUX_TAP);
}

static void
netdev_linux_destruct(struct netdev *netdev)
{
    struct netdev_linux *dev = netdev_linux_cast(netdev);

    if (dev->tx_fd >= 0) {
        close(dev->tx_fd);
    }
    if (dev->tap_fd >= 0) {
        /* A non-persistent tap device goes away with its last fd. */
        close(dev->tap_fd);
    }
    netdev_linux_common_destruct(dev);
}

/* Status. */

static int
netdev_linux_get_etheraddr(const struct netdev *netdev, struct eth_addr *mac)
{
    struct netdev_linux *dev = netdev_linux_cast(netdev);
    int error;

    ovs_mutex_lock(&dev->mutex);
    error = netdev_linux_refresh(dev, VALID_ETHERADDR);
    *mac = dev->etheraddr;
    ovs_mutex_unlock(&dev->mutex);
    return error;
}

static int
netdev_linux_set_etheraddr(struct netdev *netdev, const struct eth_addr mac)
{
    struct netdev_linux *dev = netdev_linux_cast(netdev);
    struct ifreq ifr;
    int error;

    memset(&ifr, 0, sizeof ifr);
    ifr.ifr_hwaddr.sa_family = ARPHRD_ETHER;
    memcpy(ifr.ifr_hwaddr.sa_data, &mac, ETH_ADDR_LEN);
    error = netdev_linux_ioctl(netdev->name, SIOCSIFHWADDR, "SIOCSIFHWADDR",
                               &ifr);
    if (!error) {
        ovs_mutex_lock(&dev->mutex);
        dev->etheraddr = mac;
        dev->cache_valid |= VALID_ETHERADDR;
        ovs_mutex_unlock(&dev->mutex);
        netdev_change_seq_changed(netdev);
    }
    return error;
}

static int
netdev_linux_get_mtu(const struct netdev *netdev, int *mtup)
{
    struct netdev_linux *dev = netdev_linux_cast(netdev);
    int error;

    ovs_mutex_lock(&dev->mutex);
    error = netdev_linux_refresh(dev, VALID_MTU);
    *mtup = dev->mtu;
    ovs_mutex_unlock(&dev->mutex);
    return error;
}

static int
netdev_linux_set_mtu(struct netdev *netdev, int mtu)
{
    struct netdev_linux *dev = netdev_linux_cast(netdev);
    struct ifreq ifr;
    int error;

    memset(&ifr, 0, sizeof ifr);
    ifr.ifr_mtu = mtu;
    error = netdev_linux_ioctl(netdev->name, SIOCSIFMTU, "SIOCSIFMTU", &ifr);
    if (!error) {
        ovs_mutex_lock(&dev->mutex);
        dev->mtu = mtu;
        dev->cache_valid |= VALID_MTU;
        ovs_mutex_unlock(&dev->mutex);
        netdev_change_seq_changed(netdev);
    }
    return error;
}

static int
netdev_linux_get_ifindex(const struct netdev *netdev)
{
    struct netdev_linux *dev = netdev_linux_cast(netdev);
    int error, ifindex;

    ovs_mutex_lock(&dev->mutex);
    error = netdev_linux_refresh(dev, VALID_IFINDEX);
    ifindex = dev->ifindex;
    ovs_mutex_unlock(&dev->mutex);
    return error ? -error : ifindex;
}

static int
netdev_linux_get_carrier(const struct netdev *netdev, bool *carrier)
{
    struct netdev_linux *dev = netdev_linux_cast(netdev);
    int error;

    ovs_mutex_lock(&dev->mutex);
    error = netdev_linux_refresh(dev, VALID_FLAGS);
    *carrier = !error && (dev->ifi_flags & IFF_RUNNING);
    ovs_mutex_unlock(&dev->mutex);
    return error;
}

static long long int
netdev_linux_get_carrier_resets(const struct netdev *netdev)
{
    struct netdev_linux *dev = netdev_linux_cast(netdev);
    long long int resets;

    ovs_mutex_lock(&dev->mutex);
    resets = dev->carrier_resets;
    ovs_mutex_unlock(&dev->mutex);
    return resets;
}

static int
netdev_linux_update_flags(struct netdev *netdev, enum netdev_flags off,
                          enum netdev_flags on, enum netdev_flags *old_flagsp)
{
    struct netdev_linux *dev = netdev_linux_cast(netdev);
    unsigned int old_ifi, new_ifi;
    enum netdev_flags old = 0;
    int error;

    ovs_mutex_lock(&dev->mutex);
    error = netdev_linux_refresh(dev, VALID_FLAGS);
    old_ifi = dev->ifi_flags;
    ovs_mutex_unlock(&dev->mutex);
    if (error) {
        return error;
    }

    old |= old_ifi & IFF_UP ? NETDEV_UP : 0;
    old |= old_ifi & IFF_PROMISC ? NETDEV_PROMISC : 0;
    old |= old_ifi & IFF_LOOPBACK ? NETDEV_LOOPBACK : 0;
    *old_flagsp = old;

    new_ifi = old_ifi;
    new_ifi &= ~((off & NETDEV_UP ? IFF_UP : 0)
                 | (off & NETDEV_PROMISC ? IFF_PROMISC : 0));
    new_ifi |= ((on & NETDEV_UP ? IFF_UP : 0)
                | (on & NETDEV_PROMISC ? IFF_PROMISC : 0));
    if (new_ifi != old_ifi) {
        struct ifreq ifr;

        memset(&ifr, 0, sizeof ifr);
        ifr.ifr_flags = new_ifi;
        error = netdev_linux_ioctl(netdev->name, SIOCSIFFLAGS,
                                   "SIOCSIFFLAGS", &ifr);
        ovs_mutex_lock(&dev->mutex);
        dev->cache_valid &= ~VALID_FLAGS;
        if (!error) {
            error = netdev_linux_refresh(dev, VALID_FLAGS);
        }
        ovs_mutex_unlock(&dev->mutex);
        netdev_change_seq_changed(netdev);
    }
    return error;
}

static int
netdev_linux_get_speed(const struct netdev *netdev, uint32_t *current,
                       uint32_t *max)
{
    struct ethtool_cmd ecmd;
    struct ifreq ifr;
    uint32_t speed;
    int error;

    COVERAGE_INC(netdev_get_ethtool);
    memset(&ecmd, 0, sizeof ecmd);
    ecmd.cmd = ETHTOOL_GSET;
    memset(&ifr, 0, sizeof ifr);
    ifr.ifr_data = (void *) &ecmd;
    error = netdev_linux_ioctl(netdev->name, SIOCETHTOOL, "ETHTOOL_GSET",
                               &ifr);
    if (error) {
        return error;
    }
    speed = ethtool_cmd_speed(&ecmd);
    *current = speed == (uint32_t) SPEED_UNKNOWN ? 0 : speed;

    /* The fastest mode the device supports. */
    static const struct {
        uint32_t mask;
        uint32_t mbps;
    } modes[] = {
        { SUPPORTED_56000baseKR4_Full | SUPPORTED_56000baseCR4_Full
          | SUPPORTED_56000baseSR4_Full | SUPPORTED_56000baseLR4_Full,
          56000 },
        { SUPPORTED_40000baseKR4_Full | SUPPORTED_40000baseCR4_Full
          | SUPPORTED_40000baseSR4_Full | SUPPORTED_40000baseLR4_Full,
          40000 },
        { SUPPORTED_20000baseMLD2_Full | SUPPORTED_20000baseKR2_Full,
          20000 },
        { SUPPORTED_10000baseT_Full | SUPPORTED_10000baseKX4_Full
          | SUPPORTED_10000baseKR_Full | SUPPORTED_10000baseR_FEC, 10000 },
        { SUPPORTED_2500baseX_Full, 2500 },
        { SUPPORTED_1000baseT_Half | SUPPORTED_1000baseT_Full
          | SUPPORTED_1000baseKX_Full, 1000 },
        { SUPPORTED_100baseT_Half | SUPPORTED_100baseT_Full, 100 },
        { SUPPORTED_10baseT_Half | SUPPORTED_10baseT_Full, 10 },
    };
    *max = *current;
    for (size_t i = 0; i < ARRAY_SIZE(modes); i++) {
        if (ecmd.supported & modes[i].mask) {
            *max = MAX(*max, modes[i].mbps);
            break;
        }
    }
    return 0;
}

/* Statistics from RTM_GETLINK. */
static int
netdev_linux_get_stats__(const struct netdev *netdev,
                         struct rtnl_link_stats64 *s)
{
    struct ofpbuf request, *reply;
    const struct nlattr *nla;
    struct ifinfomsg *ifi;
    int error;

    COVERAGE_INC(netdev_get_stats);
    ofpbuf_init(&request, 0);
    nl_msg_put_nlmsghdr(&request, sizeof *ifi, RTM_GETLINK, NLM_F_REQUEST);
    ifi = nl_msg_put_uninit(&request, sizeof *ifi);
    memset(ifi, 0, sizeof *ifi);
    ifi->ifi_family = AF_UNSPEC;
    nl_msg_put_string(&request, IFLA_IFNAME, netdev->name);
    error = nl_transact(NETLINK_ROUTE, &request, &reply);
    ofpbuf_uninit(&request);
    if (error) {
        return error;
    }

    memset(s, 0, sizeof *s);
    error = EPROTO;
    if (reply) {
        size_t hdr = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(struct ifinfomsg));

        nla = nl_attr_find(reply, hdr, IFLA_STATS64);
        if (nla && nl_attr_get_size(nla) >= 23 * sizeof(uint64_t)) {
            memcpy(s, nl_attr_get(nla),
                   MIN(sizeof *s, nl_attr_get_size(nla)));
            error = 0;
        } else if ((nla = nl_attr_find(reply, hdr, IFLA_STATS)) != NULL
                   && nl_attr_get_size(nla) >= 23 * sizeof(uint32_t)) {
            const uint32_t *s32 = nl_attr_get(nla);
            uint64_t *s64 = (uint64_t *) s;

            for (size_t i = 0; i < 23; i++) {
                s64[i] = s32[i];
            }
            error = 0;
        }
        ofpbuf_delete(reply);
    }
    return error;
}

static int
netdev_linux_get_stats(const struct netdev *netdev,
                       struct netdev_stats *stats)
{
    struct netdev_linux *dev = netdev_linux_cast(netdev);
    struct rtnl_link_stats64 s;
    int error;

    error = netdev_linux_get_stats__(netdev, &s);
    if (error) {
        return error;
    }
    if (dev->kind == LINUX_SYSTEM) {
        stats->rx_packets = s.rx_packets;
        stats->tx_packets = s.tx_packets;
        stats->rx_bytes = s.rx_bytes;
        stats->tx_bytes = s.tx_bytes;
        stats->rx_errors = s.rx_errors;
        stats->tx_errors = s.tx_errors;
        stats->rx_dropped = s.rx_dropped;
        stats->tx_dropped = s.tx_dropped;
    } else {
        /* What the kernel transmits on a tap device is what the switch
         * receives from it, and the other way around. */
        stats->rx_packets = s.tx_packets;
        stats->tx_packets = s.rx_packets;
        stats->rx_bytes = s.tx_bytes;
        stats->tx_bytes = s.rx_bytes;
        stats->rx_errors = s.tx_errors;
        stats->tx_errors = s.rx_errors;
        stats->rx_dropped = s.tx_dropped;
        stats->tx_dropped = s.rx_dropped;
    }
    stats->multicast = s.multicast;
    stats->collisions = s.collisions;
    stats->rx_length_errors = s.rx_length_errors;
    stats->rx_over_errors = s.rx_over_errors;
    stats->rx_crc_errors = s.rx_crc_errors;
    stats->rx_frame_errors = s.rx_frame_errors;
    stats->rx_fifo_errors = s.rx_fifo_errors;
    stats->rx_missed_errors = s.rx_missed_errors;
    stats->tx_aborted_errors = s.tx_aborted_errors;
    stats->tx_carrier_errors = s.tx_carrier_errors;
    stats->tx_fifo_errors = s.tx_fifo_errors;
    stats->tx_heartbeat_errors = s.tx_heartbeat_errors;
    stats->tx_window_errors = s.tx_window_errors;
    return 0;
}

/* Offload state to and from virtio-net headers. */

/* Sets PACKET's offload state from VNET.  Returns false if the packet
 * cannot be represented (a GSO type other than TCP). */
static bool
netdev_linux_parse_vnet_hdr(struct dp_packet *packet,
                            const struct virtio_net_hdr *vnet)
{
    uint8_t gso_type = vnet->gso_type & ~VIRTIO_NET_HDR_GSO_ECN;

    if (vnet->flags & VIRTIO_NET_HDR_F_NEEDS_CSUM) {
        uint16_t start = vnet->csum_start;
        uint16_t offset = vnet->csum_offset;

        if ((size_t) start + offset + 2 > dp_packet_size(packet)) {
            return false;
        }
        packet->l4_ofs = start;
        dp_packet_ol_set_l4_csum_partial(packet, offset);
        COVERAGE_INC(netdev_linux_rx_partial_csum);
    } else if (vnet->flags & VIRTIO_NET_HDR_F_DATA_VALID) {
        packet->ol_flags |= DP_PACKET_OL_RX_L4_CSUM_GOOD;
    }

    if (gso_type == VIRTIO_NET_HDR_GSO_TCPV4
        || gso_type == VIRTIO_NET_HDR_GSO_TCPV6) {
        if (!vnet->gso_size || !dp_packet_ol_l4_csum_partial(packet)) {
            return false;
        }
        dp_packet_ol_set_tcp_seg(packet, vnet->gso_size);
        COVERAGE_INC(netdev_linux_rx_gso);
    } else if (gso_type != VIRTIO_NET_HDR_GSO_NONE) {
        return false;
    }
    return true;
}

/* Fills VNET from PACKET's offload state. */
static void
netdev_linux_make_vnet_hdr(struct dp_packet *packet,
                           struct virtio_net_hdr *vnet)
{
    memset(vnet, 0, sizeof *vnet);
    if (!(packet->ol_flags & (DP_PACKET_OL_L4_CSUM_PARTIAL
                              | DP_PACKET_OL_TCP_SEG))) {
        return;
    }
    netdev_packet_ensure_offsets(packet);
    if (packet->l4_ofs == DP_PACKET_OFS_NONE) {
        /* Nothing to offload against: complete what we can. */
        packet->ol_flags &= ~DP_PACKET_OL_TCP_SEG;
        return;
    }
    if (dp_packet_ol_l4_csum_partial(packet)) {
        vnet->flags = VIRTIO_NET_HDR_F_NEEDS_CSUM;
        vnet->csum_start = packet->l4_ofs;
        vnet->csum_offset = packet->csum_offset;
    }
    if (dp_packet_ol_tcp_seg(packet)) {
        const uint8_t *l3 = dp_packet_l3(packet);
        const uint8_t *tcp = dp_packet_l4_at(packet, TCP_HEADER_LEN);

        if (l3 && tcp && dp_packet_ol_l4_csum_partial(packet)) {
            vnet->gso_type = ((l3[0] >> 4) == 4
                              ? VIRTIO_NET_HDR_GSO_TCPV4
                              : VIRTIO_NET_HDR_GSO_TCPV6);
            vnet->gso_size = packet->tso_segsz;
            vnet->hdr_len = packet->l4_ofs + (tcp[12] >> 4) * 4;
        }
    }
}

/* Puts back a VLAN tag the kernel took off, as PACKET_AUXDATA in MSG
 * reported it. */
static void
netdev_linux_reinsert_vlan(struct dp_packet *packet, const struct msghdr *msg)
{
    const struct cmsghdr *cmsg;

    for (cmsg = CMSG_FIRSTHDR(msg); cmsg;
         cmsg = CMSG_NXTHDR(CONST_CAST(struct msghdr *, msg),
                            CONST_CAST(struct cmsghdr *, cmsg))) {
        const struct tpacket_auxdata *aux;
        uint16_t tpid;
        uint8_t *p;

        if (cmsg->cmsg_level != SOL_PACKET
            || cmsg->cmsg_type != PACKET_AUXDATA
            || cmsg->cmsg_len < CMSG_LEN(sizeof *aux)) {
            continue;
        }
        aux = (const void *) CMSG_DATA(cmsg);
        if (!(aux->tp_status & TP_STATUS_VLAN_VALID) && !aux->tp_vlan_tci) {
            return;
        }
        if (dp_packet_size(packet) < 2 * ETH_ADDR_LEN) {
            return;
        }
        tpid = (aux->tp_status & TP_STATUS_VLAN_TPID_VALID
                ? aux->tp_vlan_tpid : ETH_P_8021Q);
        p = dp_packet_resize_l2(packet, VLAN_HEADER_LEN);
        memmove(p, p + VLAN_HEADER_LEN, 2 * ETH_ADDR_LEN);
        put_unaligned_be16(p + 12, htons(tpid));
        put_unaligned_be16(p + 14, htons(aux->tp_vlan_tci));
        COVERAGE_INC(netdev_linux_vlan_reinsert);
        return;
    }
}

/* Receive queues. */

static struct netdev_rxq *
netdev_linux_rxq_alloc(void)
{
    struct netdev_rxq_linux *rx = xzalloc(sizeof *rx);

    return &rx->up;
}

static void
netdev_linux_rxq_dealloc(struct netdev_rxq *rxq)
{
    free(netdev_rxq_linux_cast(rxq));
}

static int
netdev_linux_rxq_construct(struct netdev_rxq *rxq)
{
    struct netdev_rxq_linux *rx = netdev_rxq_linux_cast(rxq);
    struct netdev_linux *dev = netdev_linux_cast(rxq->netdev);
    int mtu = 0;
    int error;

    netdev_linux_get_mtu(&dev->up, &mtu);
    rx->buf_size = MAX(mtu, ETH_PAYLOAD_MAX) + ETH_HEADER_LEN
                   + 2 * VLAN_HEADER_LEN;
    rx->spill = xmalloc(NETDEV_MAX_BURST * LINUX_RX_SPILL);

    if (dev->kind != LINUX_SYSTEM) {
        rx->is_tap = true;
        rx->fd = dev->tap_fd;
        return 0;
    }

    struct sockaddr_ll sll;
    int ifindex = netdev_linux_get_ifindex(&dev->up);
    int one = 1;
    int rcvbuf = 4 * 1024 * 1024;

    if (ifindex < 0) {
        error = -ifindex;
        goto error;
    }
    rx->fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (rx->fd < 0) {
        error = errno;
        VLOG_ERR("%s: failed to create packet socket: %s",
                 dev->up.name, ovs_strerror(error));
        goto error;
    }
    if (setsockopt(rx->fd, SOL_PACKET, PACKET_AUXDATA, &one, sizeof one)
        || setsockopt(rx->fd, SOL_PACKET, PACKET_VNET_HDR, &one,
                      sizeof one)) {
        error = errno;
        VLOG_ERR("%s: failed to set packet socket options: %s",
                 dev->up.name, ovs_strerror(error));
        goto error_close;
    }
    /* Not fatal: recvmmsg results are checked for PACKET_OUTGOING too. */
    setsockopt(rx->fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof one);
    if (setsockopt(rx->fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf,
                   sizeof rcvbuf)) {
        setsockopt(rx->fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    }

    memset(&sll, 0, sizeof sll);
    sll.sll_family = AF_PACKET;
    sll.sll_ifindex = ifindex;
    sll.sll_protocol = htons(ETH_P_ALL);
    if (bind(rx->fd, (struct sockaddr *) &sll, sizeof sll) < 0) {
        error = errno;
        VLOG_ERR("%s: failed to bind packet socket: %s", dev->up.name,
                 ovs_strerror(error));
        goto error_close;
    }
    return 0;

error_close:
    close(rx->fd);
error:
    free(rx->spill);
    return error;
}

static void
netdev_linux_rxq_destruct(struct netdev_rxq *rxq)
{
    struct netdev_rxq_linux *rx = netdev_rxq_linux_cast(rxq);

    if (!rx->is_tap) {
        close(rx->fd);
    }
    for (size_t i = 0; i < NETDEV_MAX_BURST; i++) {
        dp_packet_delete(rx->slots[i].packet);
    }
    free(rx->spill);
}

/* Readies slot I for a receive. */
static void
netdev_linux_rx_slot_prepare(struct netdev_rxq_linux *rx, size_t i)
{
    struct linux_rx_slot *slot = &rx->slots[i];

    if (!slot->packet) {
        slot->packet = dp_packet_new_with_headroom(rx->buf_size,
                                                   DP_PACKET_HEADROOM);
    }
    slot->iov[0].iov_base = &slot->vnet;
    slot->iov[0].iov_len = VNET_HDR_LEN;
    slot->iov[1].iov_base = dp_packet_data(slot->packet);
    slot->iov[1].iov_len = dp_packet_tailroom(slot->packet);
    slot->iov[2].iov_base = rx->spill + i * LINUX_RX_SPILL;
    slot->iov[2].iov_len = LINUX_RX_SPILL;
}

/* Turns LEN bytes received into slot I into a packet, appended to BATCH
 * (or dropped).  MSG, if nonnull, is the packet socket's message. */
static void
netdev_linux_rx_slot_finish(struct netdev_rxq_linux *rx, size_t i,
                            size_t len, const struct msghdr *msg,
                            struct dp_packet_batch *batch)
{
    struct linux_rx_slot *slot = &rx->slots[i];
    struct dp_packet *packet;
    size_t first;

    if (len < VNET_HDR_LEN + ETH_HEADER_LEN) {
        COVERAGE_INC(netdev_linux_rx_drop);
        return;
    }
    len -= VNET_HDR_LEN;
    first = slot->iov[1].iov_len;
    if (len <= first) {
        packet = slot->packet;
        slot->packet = NULL;
        dp_packet_set_size(packet, len);
    } else {
        packet = dp_packet_new_with_headroom(len, DP_PACKET_HEADROOM);
        dp_packet_put(packet, slot->iov[1].iov_base, first);
        dp_packet_put(packet, slot->iov[2].iov_base, len - first);
    }
    dp_packet_reset_for_rx(packet, ODPP_NONE);

    if (!netdev_linux_parse_vnet_hdr(packet, &slot->vnet)) {
        VLOG_WARN_RL(&rl, "%s: dropped received packet with unsupported "
                     "offload state (flags %#x, gso type %#x)",
                     rx->up.netdev->name, slot->vnet.flags,
                     slot->vnet.gso_type);
        COVERAGE_INC(netdev_linux_rx_drop);
        dp_packet_delete(packet);
        return;
    }
    if (msg) {
        netdev_linux_reinsert_vlan(packet, msg);
    }
    dp_packet_batch_add(batch, packet);
}

static int
netdev_linux_rxq_recv_sock(struct netdev_rxq_linux *rx,
                           struct dp_packet_batch *batch)
{
    int n;

    for (size_t i = 0; i < NETDEV_MAX_BURST; i++) {
        struct linux_rx_slot *slot = &rx->slots[i];
        struct msghdr *msg = &rx->mmsgs[i].msg_hdr;

        netdev_linux_rx_slot_prepare(rx, i);
        msg->msg_name = &slot->sll;
        msg->msg_namelen = sizeof slot->sll;
        msg->msg_iov = slot->iov;
        msg->msg_iovlen = 3;
        msg->msg_control = &slot->control;
        msg->msg_controllen = sizeof slot->control;
        msg->msg_flags = 0;
    }

    COVERAGE_INC(netdev_linux_recvmmsg);
    do {
        n = recvmmsg(rx->fd, rx->mmsgs, NETDEV_MAX_BURST, MSG_DONTWAIT,
                     NULL);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        int error = errno;

        if (error != EAGAIN) {
            VLOG_WARN_RL(&rl, "%s: error receiving: %s", rx->up.netdev->name,
                         ovs_strerror(error));
        }
        return error;
    }

    for (int i = 0; i < n; i++) {
        const struct msghdr *msg = &rx->mmsgs[i].msg_hdr;

        if (rx->slots[i].sll.sll_pkttype == PACKET_OUTGOING) {
            continue;
        }
        if (msg->msg_flags & MSG_TRUNC) {
            COVERAGE_INC(netdev_linux_rx_drop);
            continue;
        }
        netdev_linux_rx_slot_finish(rx, i, rx->mmsgs[i].msg_len, msg, batch);
    }
    return dp_packet_batch_is_empty(batch) ? EAGAIN : 0;
}

static int
netdev_linux_rxq_recv_tap(struct netdev_rxq_linux *rx,
                          struct dp_packet_batch *batch)
{
    int error = 0;

    for (size_t i = 0; i < NETDEV_MAX_BURST; i++) {
        ssize_t n;

        netdev_linux_rx_slot_prepare(rx, i);
        COVERAGE_INC(netdev_linux_tap_read);
        do {
            n = readv(rx->fd, rx->slots[i].iov, 3);
        } while (n < 0 && errno == EINTR);
        if (n < 0) {
            error = errno;
            break;
        }
        netdev_linux_rx_slot_finish(rx, i, n, NULL, batch);
    }
    if (error && error != EAGAIN) {
        VLOG_WARN_RL(&rl, "%s: error receiving: %s", rx->up.netdev->name,
                     ovs_strerror(error));
    }
    return (!dp_packet_batch_is_empty(batch) ? 0
            : error ? error : EAGAIN);
}

static int
netdev_linux_rxq_recv(struct netdev_rxq *rxq, struct dp_packet_batch *batch,
                      int *qfill)
{
    struct netdev_rxq_linux *rx = netdev_rxq_linux_cast(rxq);

    if (qfill) {
        *qfill = -ENOTSUP;
    }
    return (rx->is_tap
            ? netdev_linux_rxq_recv_tap(rx, batch)
            : netdev_linux_rxq_recv_sock(rx, batch));
}

static void
netdev_linux_rxq_wait(struct netdev_rxq *rxq)
{
    poll_fd_wait(netdev_rxq_linux_cast(rxq)->fd, POLLIN);
}

static int
netdev_linux_rxq_drain(struct netdev_rxq *rxq)
{
    struct netdev_rxq_linux *rx = netdev_rxq_linux_cast(rxq);
    char buf[2048];

    for (int i = 0; i < 100000; i++) {
        ssize_t n = (rx->is_tap ? read(rx->fd, buf, sizeof buf)
                     : recv(rx->fd, buf, sizeof buf, MSG_DONTWAIT));

        if (n < 0 && errno != EINTR) {
            break;
        }
    }
    return 0;
}

/* Sending. */

static int
netdev_linux_send_sock(struct netdev_linux *dev,
                       struct dp_packet_batch *batch)
{
    struct mmsghdr mmsgs[NETDEV_MAX_BURST];
    struct iovec iovs[NETDEV_MAX_BURST][2];
    struct virtio_net_hdr vnets[NETDEV_MAX_BURST];
    struct sockaddr_ll slls[NETDEV_MAX_BURST];
    size_t n = dp_packet_batch_size(batch);
    struct dp_packet *packet;
    int ifindex = netdev_linux_get_ifindex(&dev->up);
    int error = 0;
    size_t sent;

    if (ifindex < 0) {
        COVERAGE_ADD(netdev_linux_tx_drop, n);
        return -ifindex;
    }

    DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
        const uint8_t *data = dp_packet_data(packet);

        netdev_linux_make_vnet_hdr(packet, &vnets[i]);
        iovs[i][0].iov_base = &vnets[i];
        iovs[i][0].iov_len = VNET_HDR_LEN;
        iovs[i][1].iov_base = dp_packet_data(packet);
        iovs[i][1].iov_len = dp_packet_size(packet);

        memset(&slls[i], 0, sizeof slls[i]);
        slls[i].sll_family = AF_PACKET;
        slls[i].sll_ifindex = ifindex;
        if (dp_packet_size(packet) >= ETH_HEADER_LEN) {
            memcpy(&slls[i].sll_protocol, data + 12, 2);
        }

        memset(&mmsgs[i], 0, sizeof mmsgs[i]);
        mmsgs[i].msg_hdr.msg_name = &slls[i];
        mmsgs[i].msg_hdr.msg_namelen = sizeof slls[i];
        mmsgs[i].msg_hdr.msg_iov = iovs[i];
        mmsgs[i].msg_hdr.msg_iovlen = 2;
    }

    for (sent = 0; sent < n; ) {
        int retval;

        COVERAGE_INC(netdev_linux_sendmmsg);
        retval = sendmmsg(dev->tx_fd, &mmsgs[sent], n - sent, 0);
        if (retval > 0) {
            sent += retval;
        } else if (retval < 0 && errno == EINTR) {
            continue;
        } else {
            /* The message at 'sent' failed.  Skip it if the problem is
             * that one packet, otherwise drop the rest. */
            int e = retval < 0 ? errno : EIO;

            if (!error) {
                error = e;
            }
            VLOG_WARN_RL(&rl, "%s: error sending packet: %s",
                         dev->up.name, ovs_strerror(e));
            if (e == EMSGSIZE || e == EINVAL || e == EFAULT) {
                COVERAGE_INC(netdev_linux_tx_drop);
                sent++;
            } else {
                COVERAGE_ADD(netdev_linux_tx_drop, n - sent);
                break;
            }
        }
    }
    return error;
}

static int
netdev_linux_send_tap(struct netdev_linux *dev,
                      struct dp_packet_batch *batch)
{
    struct dp_packet *packet;
    int error = 0;

    DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
        struct virtio_net_hdr vnet;
        struct iovec iov[2];
        ssize_t n;

        netdev_linux_make_vnet_hdr(packet, &vnet);
        iov[0].iov_base = &vnet;
        iov[0].iov_len = VNET_HDR_LEN;
        iov[1].iov_base = dp_packet_data(packet);
        iov[1].iov_len = dp_packet_size(packet);
        COVERAGE_INC(netdev_linux_tap_write);
        do {
            n = writev(dev->tap_fd, iov, 2);
        } while (n < 0 && errno == EINTR);
        if (n < 0) {
            /* EIO means the device is down: the kernel drops silently. */
            if (errno != EIO) {
                VLOG_WARN_RL(&rl, "%s: error writing to tap device: %s",
                             dev->up.name, ovs_strerror(errno));
                if (!error) {
                    error = errno;
                }
            }
            COVERAGE_INC(netdev_linux_tx_drop);
        }
    }
    return error;
}

static int
netdev_linux_send(struct netdev *netdev, int qid OVS_UNUSED,
                  struct dp_packet_batch *batch,
                  bool concurrent_txq OVS_UNUSED)
{
    struct netdev_linux *dev = netdev_linux_cast(netdev);
    int error;

    /* Both send paths are safe to use from several threads at once: each
     * call builds its own messages and the kernel serializes. */
    error = (dev->kind == LINUX_SYSTEM
             ? netdev_linux_send_sock(dev, batch)
             : netdev_linux_send_tap(dev, batch));
    dp_packet_delete_batch(batch, true);
    return error;
}

static void
netdev_linux_send_wait(struct netdev *netdev, int qid OVS_UNUSED)
{
    struct netdev_linux *dev = netdev_linux_cast(netdev);

    poll_fd_wait(dev->kind == LINUX_SYSTEM ? dev->tx_fd : dev->tap_fd,
                 POLLOUT);
}

#define NETDEV_LINUX_CLASS(NAME, CONSTRUCT)                     \
    {                                                           \
        .type = NAME,                                           \
        .run = netdev_linux_run,                                \
        .wait = netdev_linux_wait,                              \
        .alloc = netdev_linux_alloc,                            \
        .construct = CONSTRUCT,                                 \
        .destruct = netdev_linux_destruct,                      \
        .dealloc = netdev_linux_dealloc,                        \
        .send = netdev_linux_send,                              \
        .send_wait = netdev_linux_send_wait,                    \
        .set_etheraddr = netdev_linux_set_etheraddr,            \
        .get_etheraddr = netdev_linux_get_etheraddr,            \
        .get_mtu = netdev_linux_get_mtu,                        \
        .set_mtu = netdev_linux_set_mtu,                        \
        .get_ifindex = netdev_linux_get_ifindex,                \
        .get_carrier = netdev_linux_get_carrier,                \
        .get_carrier_resets = netdev_linux_get_carrier_resets,  \
        .get_speed = netdev_linux_get_speed,                    \
        .get_stats = netdev_linux_get_stats,                    \
        .update_flags = netdev_linux_update_flags,              \
        .rxq_alloc = netdev_linux_rxq_alloc,                    \
        .rxq_construct = netdev_linux_rxq_construct,            \
        .rxq_destruct = netdev_linux_rxq_destruct,              \
        .rxq_dealloc = netdev_linux_rxq_dealloc,                \
        .rxq_recv = netdev_linux_rxq_recv,                      \
        .rxq_wait = netdev_linux_rxq_wait,                      \
        .rxq_drain = netdev_linux_rxq_drain,                    \
    }

const struct netdev_class netdev_linux_class =
    NETDEV_LINUX_CLASS("system", netdev_linux_construct);
const struct netdev_class netdev_internal_class =
    NETDEV_LINUX_CLASS("internal", netdev_internal_construct);
const struct netdev_class netdev_tap_class =
    NETDEV_LINUX_CLASS("tap", netdev_tap_construct);
