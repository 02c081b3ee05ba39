# fuzz/: libFuzzer targets, built with --enable-fuzzing (CC=clang).
