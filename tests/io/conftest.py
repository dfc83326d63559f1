"""The tf.data tests use `tf.data` and `tf.io` (loaded here in case the lazy names are not
wired into `tensorlet` yet)."""

import tensorlet.data  # noqa: F401
import tensorlet.io  # noqa: F401
