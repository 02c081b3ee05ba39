/* ofp-port.h: OpenFlow port numbers, their names, and the mapping between
 * OpenFlow 1.0's 16-bit and OpenFlow 1.1+'s 32-bit numbers.
 *
 * Internally a port is an ofp_port_t, OpenFlow 1.0's 16-bit number.  The
 * reserved ports sit at the top of each space: 0xfff8...0xffff in 1.0,
 * 0xfffffff8...0xffffffff in 1.1 and later, so converting adds or
 * subtracts 0xffff0000 there.  Ports 0xff00...0xfff7 are reserved in 1.0
 * and map to 0xffffff00...0xfffffff7; numbers in between have no 1.0
 * equivalent. */
#ifndef OFP_PORT_H
#define OFP_PORT_H 1

#include <stdbool.h>
#include <stdint.h>
#include "byte-order.h"
#include "types.h"

struct ds;

/* OpenFlow 1.0 port numbers. */
#define OFPP_MAX        ((ofp_port_t) 0xff00)  /* First reserved number. */
#define OFPP_IN_PORT    ((ofp_port_t) 0xfff8)
#define OFPP_TABLE      ((ofp_port_t) 0xfff9)
#define OFPP_NORMAL     ((ofp_port_t) 0xfffa)
#define OFPP_FLOOD      ((ofp_port_t) 0xfffb)
#define OFPP_ALL        ((ofp_port_t) 0xfffc)
#define OFPP_CONTROLLER ((ofp_port_t) 0xfffd)
#define OFPP_LOCAL      ((ofp_port_t) 0xfffe)
#define OFPP_ANY        OFPP_NONE

/* OpenFlow 1.1+ port numbers. */
#define OFPP11_MAX    0xffffff00u
#define OFPP11_OFFSET 0xffff0000u
#define OFPP11_ANY    0xffffffffu

/* The name of PORT if it is a named reserved port ("LOCAL", "ANY", ...),
 * or NULL. */
const char *ofputil_port_name(ofp_port_t port);

/* Appends PORT to S: its name if it has one, else its decimal number. */
void ofputil_format_port(ofp_port_t port, struct ds *s);

/* Parses S as a port: a reserved port name (any case) or a decimal number
 * in 0...0xffff or 0xffffff00...0xffffffff (OpenFlow 1.1 numbering).
 * Returns true on success. */
bool ofputil_port_from_string(const char *s, ofp_port_t *portp);

/* OpenFlow 1.1+ number to OpenFlow 1.0 number.  Returns false if PORT
 * has no OpenFlow 1.0 equivalent (0xff00...0xfffffeff). */
bool ofputil_port_from_ofp11(uint32_t port, ofp_port_t *portp);
uint32_t ofputil_port_to_ofp11(ofp_port_t port);

#endif /* ofp-port.h */
