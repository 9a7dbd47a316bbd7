"""Measured speed: benchmark volumes, in-process timings, PDF and load figures.

`seed_demo --scale N` builds the volumes (`seed.py`); `manage.py bench` (and
`make bench`) measures pages, the engine, the matcher, PDFs and loopback load
against them and prints one table (`table.py`), also written as JSON.
"""
