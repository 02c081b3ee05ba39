/* bridge.h: the database's bridges, ports and interfaces made real.
 *
 * The problem.  The Open_vSwitch database says which bridges exist, which
 * ports (Port rows) each has and which network devices (Interface rows)
 * make up each port, with their types, options and VLAN settings.  The
 * switch must make that true, keep it true while the database changes
 * under it (no restart), and tell the database what came of it: the
 * OpenFlow port each interface got (or -1 and an error text), the
 * devices' link state, MTU, MAC and counters, and, last, cur_cfg equal to
 * the next_cfg it has applied, which is what "ovs-vsctl" (without
 * --no-wait) waits for.
 *
 * The model.  A struct bridge owns one ofproto (ofproto/ofproto.h); a
 * struct port is one Port row, registered with the ofproto as a "bundle"
 * (its OpenFlow ports plus VLAN configuration); a struct iface is one
 * Interface row with its open netdev and OpenFlow port number.  Each is
 * found by name.  Every change to the replica triggers one reconfiguration
 * pass that diffs the wanted state (the rows) against the current state
 * (the structs): first everything that must go is removed from every
 * bridge (so a device may move from one bridge to another in a single
 * transaction), then bridges, interfaces and bundles are added or
 * updated.  An interface is re-created only when its type or requested
 * OpenFlow port changes; options and MTU are applied to the open device.
 *
 * Status.  One transaction at a time carries everything written back:
 * after a reconfiguration (with cur_cfg), when a device's change sequence
 * number moved, and every stats-update-interval for the counters.  Only
 * values that differ from the replica are written.  Columns we write are
 * replicated without alerts, so our own writes do not trigger
 * reconfiguration.
 *
 * Only the main thread calls these functions. */
#ifndef VSWITCHD_BRIDGE_H
#define VSWITCHD_BRIDGE_H 1

#include <stdbool.h>

/* Connects to the database at REMOTE (e.g. "unix:/run/db.sock") and
 * registers the "bridge/reconnect" unixctl command. */
void bridge_init(const char *remote);
/* Frees everything.  With DELETE_DATAPATH, ports and datapath resources
 * are released as "exit --cleanup" asks. */
void bridge_exit(bool delete_datapath);

void bridge_run(void);
void bridge_wait(void);

/* True once the first configuration read from the database has been
 * applied (for --detach: the parent exits only then). */
bool bridge_is_configured(void);

/* Adds memory/show's usage counters ("ports" -> "3", ...) to USAGE. */
struct smap;
void bridge_get_memory_usage(struct smap *usage);

#endif /* vswitchd/bridge.h */
