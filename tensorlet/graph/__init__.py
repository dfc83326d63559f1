"""Graphs: the IR, tracing (`tf.function`), the graph passes and the compiled executor.

`function.function` is `tf.function`; `run_mode.run_functions_eagerly` is
`tf.config.run_functions_eagerly`.
"""
