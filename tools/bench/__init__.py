"""Benchmarks of the guide build, and the synthetic guides they build (not shipped in guidekit)."""
