/* dpctl.h: the dpctl unixctl commands (ovs-vswitchd(8)).
 *
 * Datapath maintenance (add-dp, del-dp, add-if, set-if, del-if, dump-dps,
 * show) and datapath flow table debugging (dump-flows, add-flow,
 * mod-flow, del-flow, get-flow, del-flows, add-flows, mod-flows) on any
 * datapath dpif.h can open, with upstream's syntax, output and error
 * texts.  Flows and actions are in the odp-util.h text syntax. */
#ifndef DPCTL_H
#define DPCTL_H 1

/* Registers every "dpctl/..." command with the unixctl server. */
void dpctl_unixctl_register(void);

#endif /* dpctl.h */
