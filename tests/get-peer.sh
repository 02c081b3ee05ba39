#!/bin/sh
# Unpacks Debian's upstream Open vSwitch 3.1 packages (the interop peers
# that tests and benchmarks compare against) under $1 (default: ./peer),
# without installing them: their programs are run only by explicit path.
# Also installs the shared libraries they need.  Needs root and apt.
set -e
dest=${1:-peer}
pkgs="openvswitch-common openvswitch-switch python3-openvswitch openvswitch-vtep"
if [ -x "$dest/usr/bin/ovs-appctl" ] && "$dest/usr/bin/ovs-appctl" --version >/dev/null 2>&1; then
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && apt-get download $pkgs >/dev/null 2>&1) || {
    apt-get update -qq && (cd "$tmp" && apt-get download $pkgs >/dev/null)
}
chmod -R a+rX "$tmp"
mkdir -p "$dest"
for deb in "$tmp"/*.deb; do
    dpkg -x "$deb" "$dest"
done
# Runtime libraries of the peer binaries (libunbound, libxdp, ...).
missing=$(for f in "$dest"/usr/bin/* "$dest"/usr/sbin/*; do
              ldd "$f" 2>/dev/null | sed -n 's/^\s*\(\S*\) => not found$/\1/p'
          done | sort -u)
if [ -n "$missing" ]; then
    libpkgs=
    for lib in $missing; do
        case $lib in
            libxdp.so.1) libpkgs="$libpkgs libxdp1" ;;
            libbpf.so.1) libpkgs="$libpkgs libbpf1" ;;
            libunbound.so.8) libpkgs="$libpkgs libunbound8" ;;
            libcap-ng.so.0) libpkgs="$libpkgs libcap-ng0" ;;
            libnuma.so.1) libpkgs="$libpkgs libnuma1" ;;
            libssl.so.3|libcrypto.so.3) libpkgs="$libpkgs libssl3" ;;
            *) echo "get-peer: no package known for $lib" >&2 ;;
        esac
    done
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $libpkgs >/dev/null
fi
"$dest/usr/bin/ovs-appctl" --version >/dev/null
