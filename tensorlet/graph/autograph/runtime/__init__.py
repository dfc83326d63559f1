"""The runtime of converted code: the module converted functions know as `ag__`.

Every helper decides at trace time: Python values run as Python (unrolled, specialised),
symbolic tensors are staged as graph ops (`cond`, `while_loop`, `logical_not`...).
"""

from .calls import TensorRange, converted_call
from .conditionals import if_stmt
from .logical import and_, if_exp, not_, not_any, or_
from .loops import for_stmt, loop_options, while_stmt
from .undefined import Undefined, UndefinedReturnValue, ld, retval

__all__ = ["converted_call", "TensorRange", "if_stmt", "if_exp", "and_", "or_", "not_",
           "not_any", "while_stmt", "for_stmt", "loop_options", "Undefined",
           "UndefinedReturnValue", "ld", "retval"]
