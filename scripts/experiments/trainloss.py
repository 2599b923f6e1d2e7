#!/usr/bin/env python3
"""Mean training loss over step windows (1-100, 300-400, 600-700, 1100-1250) of fine-tunes' logs (logs/ft-NAME.log, as lane.sh
writes them): whether a run fitted its training rows at all (the class prior's loss on covid is 1.84). Usage: trainloss.py NAME...
(run from the experiments folder)."""
import re, sys
for name in sys.argv[1:]:
    steps = {}
    for line in open(f"logs/ft-{name}.log"):
        m = re.match(r"step (\d+)/(\d+)\s+loss ([\d.]+)", line)
        if m: steps[int(m.group(1))] = float(m.group(3))
    def mean(a, b):
        v = [l for s, l in steps.items() if a <= s <= b]
        return f"{sum(v)/len(v):.2f}" if v else "-"
    print(f"{name:20s} 1-100 {mean(1,100)}  300-400 {mean(300,400)}  600-700 {mean(600,700)}  1100-1250 {mean(1100,1250)}")
