"""`tf.bitwise`: bitwise operations on integer tensors.

Names resolve through `tensorlet._api`, which lists what TF exposes here.
"""

from . import _api


def __getattr__(name):
    value = _api.resolve(__name__, name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(_api.NAMESPACES[__name__])
