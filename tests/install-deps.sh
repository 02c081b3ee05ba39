#!/bin/sh
# Installs, from Debian 12's packages, everything needed to build Open
# vSwitch and run its tests, benchmarks and fuzzers.  Needs root.
set -e
pkgs="build-essential autoconf automake libtool pkg-config python3
      libssl-dev libcap-ng-dev libcap-ng-utils clang libclang-rt-14-dev
      llvm iproute2 iputils-ping iperf3 ethtool procps psmisc valgrind"
missing=
for p in $pkgs; do
    dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends $missing
fi
