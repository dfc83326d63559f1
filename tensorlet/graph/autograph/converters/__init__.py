"""The AST converters, one per construct; `conversion.py` runs them in order.

Statement rewrites come first (`loop_options`, `return_stmt`, `break_continue`), then every
call becomes `ag__.converted_call` (`calls`) and `and` / `or` / `not` / `x if c else y` become
`ag__` calls (`expressions`), and last `if` / `while` / `for` become `ag__.if_stmt` /
`while_stmt` / `for_stmt` calls on nested functions (`if_stmt`, `while_stmt`, `for_stmt`).
"""
