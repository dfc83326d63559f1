"""The op case table: one or more rows per registry op, split by op family.

Each module `<family>_cases.py` of this package holds a `CASES` list of
`tensorlet.testing.op_check.Case` rows; they are collected here in module-name order. The rows
are read by the op tests and by `tools/record_tf_fixtures.py`, which runs the same calls on TF.
"""

import importlib
import pkgutil

CASES = [
    case
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name)
    if info.name.endswith("_cases")
    for case in importlib.import_module(f"{__name__}.{info.name}").CASES
]
