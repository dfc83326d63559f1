"""Case rows for tensorlet/ops/random.py (no TF fixtures: TF's random streams differ)."""

CASES = []
