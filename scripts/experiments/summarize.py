#!/usr/bin/env python3
"""Test MCC of finished fine-tunes (ft/NAME/metrics.json), grouped by name without its -sSEED suffix: mean ± std over
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
    test = m.get("test") or m.get("Test")
    groups.setdefault(key, []).append((int(seed), test.get("mcc", test.get("Mcc")), m.get("best_step", m.get("BestStep")),
                                       m.get("steps", m.get("Steps")), m.get("minutes", m.get("Minutes"))))
for key, runs in groups.items():
    runs.sort()
    mccs = [r[1] for r in runs]
    spread = f" ± {statistics.stdev(mccs):.3f}" if len(mccs) > 1 else ""
    each = " / ".join(f"s{s} {mcc:.3f} (best {b}/{n}, {mins:.0f} min)" if mins is not None else f"s{s} {mcc:.3f}" for s, mcc, b, n, mins in runs)
    print(f"{key:40s} {statistics.mean(mccs):.3f}{spread}  {each}")
