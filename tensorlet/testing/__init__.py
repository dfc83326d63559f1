"""Test helpers for ops, gradients and layers, usable by anyone who adds an op."""
