# For developers, not run by the test suite: an oracle for output formats.
# Source this to run UPSTREAM's ovs-vswitchd (peer, an oracle for output
# formats) in a scratch dir with dummy devices:
#   . tests/peer-vswitchd.sh /tmp/mydir     (dir is wiped)
# then use $PV (peer ovs-vsctl with --db) and $PA (peer ovs-appctl), e.g.
#   $PV add-br br0 -- set bridge br0 datapath_type=dummy \
#       -- add-port br0 p1 -- set interface p1 type=dummy \
#       -- add-port br0 p2 tag=10 -- set interface p2 type=dummy
#   $PA dpctl/show; $PA dpctl/add-flow "in_port(1),eth(...)..." "2"
#   $PA dpctl/dump-flows [-m]; $PA netdev-dummy/receive p1 'in_port(1),eth(...),...'
#   $PA ofproto/trace br0 in_port=p1,dl_dst=...; $PA fdb/show br0
# Stop with: peer_vswitchd_stop
P=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/peer
d=${1:-/tmp/peer-vswitchd}
rm -rf "$d"; mkdir -p "$d"
export OVS_RUNDIR=$d OVS_DBDIR=$d OVS_LOGDIR=$d OVS_SYSCONFDIR=$d OVS_PKGDATADIR=$P/usr/share/openvswitch
$P/usr/bin/ovsdb-tool create $d/conf.db $P/usr/share/openvswitch/vswitch.ovsschema
$P/usr/sbin/ovsdb-server --remote=punix:$d/db.sock --pidfile --detach --log-file $d/conf.db
$P/usr/lib/openvswitch-switch/ovs-vswitchd --enable-dummy=override --disable-system --pidfile --detach --log-file unix:$d/db.sock 2>/dev/null
PV="$P/usr/bin/ovs-vsctl --db=unix:$d/db.sock"
PA="$P/usr/bin/ovs-appctl"
peer_vswitchd_stop() {
    kill $(cat $OVS_RUNDIR/ovs-vswitchd.pid) $(cat $OVS_RUNDIR/ovsdb-server.pid) 2>/dev/null
}
