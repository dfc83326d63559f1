"""Graph passes, one per module; `pipeline.optimize` runs them in order.

Every pass takes a graph it may mutate (the pipeline hands it a copy of the traced graph), keeps
nodes in program order, and returns whether it changed anything.
"""
