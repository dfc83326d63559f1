"""Case rows for tensorlet/ops/nn.py and the composite ops."""

CASES = []
