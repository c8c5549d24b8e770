"""Benchmarks for Reader: a synthetic news corpus and the figures `make bench` prints as JSON."""
