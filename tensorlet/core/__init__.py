"""The core: dtypes, shapes, tensors, variables, the op registry and eager dispatch."""
