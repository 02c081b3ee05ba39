# vswitchd/: the switch daemon and the Open_vSwitch database schema.

dist_pkgdata_DATA += vswitchd/vswitch.ovsschema
