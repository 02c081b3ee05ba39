# bench/: benchmarks that run ours and upstream's side by side.
