/* netdev-dummy.h: simulated network devices for tests.
 *
 * A "dummy" device exists only in this process.  Packets reach it through
 * "ovs-appctl netdev-dummy/receive" (or netdev_dummy_queue_packet()) and
 * whatever is sent to it is counted and, if configured, written to a pcap
 * capture and then dropped.  Options (the Interface's options column):
 *
 *   pcap=FILE      capture both directions to FILE.
 *   tx_pcap=FILE   capture packets sent to the device.
 *   rxq_pcap=FILE  capture packets the device receives (rx_pcap is
 *                  accepted as a synonym).
 *   ifindex=N      report N as the ifindex (otherwise there is none).
 *
 * Commands, registered by netdev_dummy_register():
 *
 *   netdev-dummy/receive NAME [--qid N] PACKET...
 *   netdev-dummy/receive NAME --file FILE
 *       Receives each PACKET (hex digits, an Ethernet frame) on NAME, or
 *       every packet in FILE (one hex packet per line; blank lines and
 *       lines starting with # are skipped).
 *   netdev-dummy/set-admin-state [NAME] up|down
 *       Sets the administrative state of NAME, or of every dummy device.
 *       The carrier follows it. */
#ifndef NETDEV_DUMMY_H
#define NETDEV_DUMMY_H 1

#include <stdbool.h>
#include <stddef.h>

struct dp_packet;
struct netdev;

enum dummy_level {
    DUMMY_OVERRIDE_NONE,        /* Add "dummy", "dummy-internal" and
                                 * "dummy-pmd" (a dummy that a userspace
                                 * datapath polls from its own threads,
                                 * as upstream's). */
    DUMMY_OVERRIDE_SYSTEM,      /* Also make "system" a dummy. */
    DUMMY_OVERRIDE_ALL,         /* Also "internal" and "tap". */
};

void netdev_dummy_register(enum dummy_level);

/* Whether NETDEV is a dummy device. */
bool netdev_is_dummy(const struct netdev *);

/* Receives PACKET (taking ownership) on dummy device NETDEV. */
void netdev_dummy_queue_packet(struct netdev *, struct dp_packet *);

/* Builds the packet that S, a flow in the datapath flow syntax
 * ("in_port(1),eth(...),eth_type(0x0800),ipv4(...),..."), describes, as
 * upstream's netdev-dummy/receive does: headers from the flow and 64
 * bytes of payload, or, if PACKET_SIZE is nonzero, zero payload up to
 * PACKET_SIZE bytes.  Returns NULL and a malloc'd message in *ERRORP on
 * a syntax error or if the headers need more than PACKET_SIZE bytes. */
struct dp_packet *netdev_dummy_packet_from_flow_str(const char *s,
                                                   size_t packet_size,
                                                   char **errorp);

#endif /* netdev-dummy.h */
