"""The public op namespaces (`tf.*`, `tf.math`, `tf.nn`, ...) as lists of names.

Every public op function is defined once, in the `__all__` of one module of `tensorlet.ops`;
the namespaces below only say under which names TF exposes it, so `tf.add is tf.math.add`.
Names resolve on first access (then are cached in the namespace module); a test checks that
every listed name resolves.
"""

from __future__ import annotations

import importlib
import pkgutil

__all__ = ["NAMESPACES", "catalog", "resolve"]

TOP_LEVEL = """
abs add add_n argmax argmin argsort boolean_mask broadcast_to cast clip_by_value concat cos
cond custom_gradient numpy_function print py_function stop_gradient while_loop
cumsum divide einsum equal exp expand_dims eye fill floor gather gather_nd greater greater_equal
identity less less_equal linspace logical_and logical_not logical_or matmul maximum minimum
multiply negative norm not_equal one_hot ones ones_like pad pow range rank realdiv reduce_all
reduce_any reduce_logsumexp reduce_max reduce_mean reduce_min reduce_prod reduce_sum repeat
reshape reverse roll round scatter_nd shape sigmoid sign sin size slice sort split sqrt square
squeeze stack strided_slice subtract tan tanh tensor_scatter_nd_add tensor_scatter_nd_update
tensordot tile transpose truediv unique unstack where zeros zeros_like
acos asin atan acosh asinh atanh clip_by_norm clip_by_global_norm sequence_mask
"""

MATH = """
abs add add_n argmax argmin ceil conj cos cumprod cumsum divide equal erf exp expm1 floor floordiv
floormod greater greater_equal imag is_finite is_inf is_nan l2_normalize less less_equal log
log1p log_sigmoid logical_and logical_not logical_or logical_xor maximum minimum mod multiply
negative not_equal pow real reciprocal reduce_all reduce_any reduce_logsumexp reduce_max
reduce_mean reduce_min reduce_prod reduce_std reduce_sum reduce_variance round rsqrt sigmoid
sign sin softmax softplus sqrt square squared_difference subtract tan tanh top_k truediv
divide_no_nan atan2 acos asin atan acosh asinh atanh count_nonzero segment_sum segment_mean
segment_max segment_min unsorted_segment_sum unsorted_segment_mean unsorted_segment_max
unsorted_segment_min
"""

NN = """
bias_add elu gelu l2_normalize leaky_relu log_softmax moments relu relu6 selu sigmoid
sigmoid_cross_entropy_with_logits silu softmax softmax_cross_entropy_with_logits softplus
softsign sparse_softmax_cross_entropy_with_logits swish tanh top_k
dropout embedding_lookup l2_loss
"""

RANDOM = """
categorical normal set_seed shuffle stateless_categorical stateless_normal
stateless_truncated_normal stateless_uniform truncated_normal uniform
"""

LINALG = """
eigh einsum eye l2_normalize matmul matrix_transpose norm tensordot
global_norm band_part cholesky det diag diag_part inv logdet matvec qr set_diag slogdet solve
svd trace triangular_solve
"""

BITWISE = """
bitwise_and bitwise_or bitwise_xor invert
"""

NAMESPACES = {
    "tensorlet": TOP_LEVEL.split(),
    "tensorlet.math": MATH.split(),
    "tensorlet.nn": NN.split(),
    "tensorlet.random": RANDOM.split(),
    "tensorlet.linalg": LINALG.split(),
    "tensorlet.bitwise": BITWISE.split(),
}

_catalog: dict = {}


def catalog() -> dict:
    """Every public op function of `tensorlet.ops`, by name (each name is defined once)."""
    if _catalog:
        return _catalog
    import tensorlet.ops as ops_package

    found: dict = {}
    for info in pkgutil.iter_modules(ops_package.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"tensorlet.ops.{info.name}")
        for name in getattr(module, "__all__", ()):
            if name in found and found[name][1] is not getattr(module, name):
                raise ImportError(f"public op {name!r} is defined in both {found[name][0]} and "
                                  f"{module.__name__}")
            found[name] = (module.__name__, getattr(module, name))
    _catalog.update({name: obj for name, (_, obj) in found.items()})
    return _catalog


def resolve(namespace: str, name: str):
    """The object `namespace.name`; raises AttributeError for names TF does not have there."""
    if name in NAMESPACES[namespace]:
        ops = catalog()
        if name in ops:
            return ops[name]
    elsewhere = [ns.replace("tensorlet", "tf") + "." + name for ns, names in NAMESPACES.items()
                 if name in names]
    hint = f"; did you mean {' or '.join(elsewhere)}?" if elsewhere else ""
    raise AttributeError(f"module '{namespace}' has no attribute '{name}'{hint}")
