"""Graph-building helpers of TF's top level: `tf.name_scope`, `tf.control_dependencies`,
`tf.no_op`, `tf.group`, `tf.ensure_shape`, and the higher-order `tf.map_fn`, `tf.scan`,
`tf.foldl`, `tf.foldr`.
"""

from .control import control_dependencies, ensure_shape, group, no_op
from .functional import foldl, foldr, map_fn, scan
from .scopes import current_scope, name_scope

__all__ = ["name_scope", "current_scope", "control_dependencies", "no_op", "group",
           "ensure_shape", "map_fn", "scan", "foldl", "foldr"]
