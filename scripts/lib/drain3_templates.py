#!/usr/bin/env python3
"""Run Drain3 (the reference Python log-template miner) the way `doctor templates` runs.

Usage: drain3_templates.py default|masked INPUT OUTPUT

Reads INPUT (one log message per line), writes OUTPUT with one `<cluster-id>\t<template>`
line per input line, in order, each template as it stands after the whole input (the
`doctor templates` format, so scripts/bench-triage scores both the same way).

default: TemplateMinerConfig() as shipped (sim_th 0.4, depth 4, no masking).
masked:  the masking of Drain3's own example config (examples/drain3.ini in the drain3
         repository: ids, IPs, hex sequences, hex numbers, decimal numbers).
Prints the seconds spent mining (excluding reading and writing) to stderr.
"""
import sys
import time

from drain3 import TemplateMiner
from drain3.masking import MaskingInstruction
from drain3.template_miner_config import TemplateMinerConfig

# The masking list of drain3's examples/drain3.ini (the "usual masking").
EXAMPLE_MASKING = [
    (r"((?<=[^A-Za-z0-9])|^)(([0-9a-f]{2,}:){3,}([0-9a-f]{2,}))((?=[^A-Za-z0-9])|$)", "ID"),
    (r"((?<=[^A-Za-z0-9])|^)(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})((?=[^A-Za-z0-9])|$)", "IP"),
    (r"((?<=[^A-Za-z0-9])|^)([0-9a-f]{6,} ?){3,}((?=[^A-Za-z0-9])|$)", "SEQ"),
    (r"((?<=[^A-Za-z0-9])|^)([0-9A-F]{4} ?){4,}((?=[^A-Za-z0-9])|$)", "SEQ"),
    (r"((?<=[^A-Za-z0-9])|^)(0x[a-f0-9A-F]+)((?=[^A-Za-z0-9])|$)", "HEX"),
    (r"((?<=[^A-Za-z0-9])|^)([\-\+]?\d+)((?=[^A-Za-z0-9])|$)", "NUM"),
    (r"(?<=executed cmd )(\".+?\")", "CMD"),
]


def main(argv):
    if len(argv) != 4 or argv[1] not in ("default", "masked"):
        sys.exit(__doc__)
    mode, input_path, output_path = argv[1:]
    config = TemplateMinerConfig()
    config.profiling_enabled = False
    if mode == "masked":
        config.masking_instructions = [MaskingInstruction(p, m) for p, m in EXAMPLE_MASKING]
        config.mask_prefix = "<:"
        config.mask_suffix = ":>"
    miner = TemplateMiner(config=config)
    with open(input_path, encoding="utf-8", errors="replace", newline="") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    ids = []
    start = time.perf_counter()
    for line in lines:
        ids.append(miner.add_log_message(line.rstrip("\r"))["cluster_id"])
    elapsed = time.perf_counter() - start
    templates = {c.cluster_id: c.get_template() for c in miner.drain.clusters}
    with open(output_path, "w", encoding="utf-8", errors="replace") as out:
        for cid in ids:
            out.write(f"{cid}\t{templates[cid]}\n")
    print(f"{elapsed:.3f}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
