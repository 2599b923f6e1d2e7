#!/usr/bin/env python3
"""Test MCC (and macro F1) of finished fine-tunes (ft/NAME/metrics.json), grouped by name without its -sSEED suffix: mean ± std over
seeds, each seed, the best dev step, minutes. Usage: summarize.py [PREFIX ...] (run from the experiments folder)."""
import json, pathlib, re, statistics, sys

prefixes = sys.argv[1:] or [""]
groups = {}
for metrics in sorted(pathlib.Path("ft").glob("*/metrics.json")):
    name = metrics.parent.name
    if not any(name.startswith(p) for p in prefixes):
        continue
    m = json.loads(metrics.read_text())
    key, seed = (re.match(r"(.*)-s(\d+)$", name).groups() if re.search(r"-s\d+$", name) else (name, "0"))
    groups.setdefault(key, []).append((int(seed), m["test"]["mcc"], m["test"]["f1_macro"], m.get("best_step"), m.get("steps"), m.get("minutes")))
for key, runs in groups.items():
    runs.sort()
    mccs, f1s = [r[1] for r in runs], [r[2] for r in runs]
    spread = f" ± {statistics.stdev(mccs):.3f}" if len(mccs) > 1 else ""
    each = " / ".join(f"s{s} {mcc:.3f} (best {b}/{n}, {mins:.0f} min)" if mins is not None else f"s{s} {mcc:.3f}" for s, mcc, _, b, n, mins in runs)
    print(f"{key:40s} MCC {statistics.mean(mccs):.3f}{spread}  macro F1 {statistics.mean(f1s):.3f}  {each}")
