# vtep/: the hardware_vtep database schema and its tools.

dist_pkgdata_DATA += vtep/vtep.ovsschema
