"""Benchmarks for leadaudit: a generator of realistic org charts and the benchmark script."""
