"""The op case table: one or more rows per registry op, split by op family.

Each family module holds a `CASES` list of `tensorlet.testing.op_check.Case` rows. The rows are
read by the op tests and by `tools/record_tf_fixtures.py`, which runs the same calls on TF.
"""

from . import (
    array_cases,
    control_cases,
    gradient_cases,
    linalg_cases,
    math_cases,
    nn_cases,
    random_cases,
    reduce_cases,
    state_cases,
)

CASES = [
    *math_cases.CASES,
    *reduce_cases.CASES,
    *array_cases.CASES,
    *linalg_cases.CASES,
    *nn_cases.CASES,
    *random_cases.CASES,
    *gradient_cases.CASES,
    *state_cases.CASES,
    *control_cases.CASES,
]
