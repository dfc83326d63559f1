"""`tf.function`: turns a Python function into a cached, optimised, compiled graph function.

A call is keyed by its input signature (`signature.py`: tensor shapes and dtypes, Python values,
nested structures). A hit runs the cached trace's compiled plan; a miss traces, with TF's rules:
a trace whose relaxed dims fit is reused, `reduce_retracing=True` relaxes differing dims to None,
`input_signature` fixes one trace. The cache is a bounded LRU (C2). Every retrace records why
(C1), in `experimental_retrace_log()` and in the retracing warning (A13.4).

Calls made while another function is traced are inlined into that trace (nested functions).
"""

from __future__ import annotations

import collections
import functools
import inspect
import logging
import types
import weakref

from ..core.context import state
from ..core.tensor import EagerTensor
from . import signature, tracing
from .binding import bind_to_signature
from .run_mode import _mode
from .traceback_utils import user_traceback

__all__ = ["function", "Function", "DEFAULT_CACHE_LIMIT"]

logger = logging.getLogger("tensorlet")
DEFAULT_CACHE_LIMIT = 32
_LOG_SIZE = 100  # the retrace log keeps the latest lines only (C2: bounded memory)
_WARN_AFTER = 5
_MAX_WARNINGS = 2
_RETRACE_TEXT = (
    "{traces} out of the last {calls} calls to {fn} triggered tf.function retracing. Tracing is "
    "expensive and the excessive number of tracings could be due to (1) creating @tf.function "
    "repeatedly in a loop, (2) passing tensors with different shapes, (3) passing Python objects "
    "instead of tensors. For (1), please define your @tf.function outside of the loop. For (2), "
    "@tf.function has reduce_retracing=True option that can avoid unnecessary retracing. For "
    "(3), please refer to https://www.tensorflow.org/guide/function#controlling_retracing and "
    "https://www.tensorflow.org/api_docs/python/tf/function for  more details.\n"
    "Latest {reason}")


class Function:
    """A `tf.function`: a Python function run as a traced, optimised graph.

    Example:
        >>> import tensorlet as tf
        >>> cube = tf.function(lambda x: x ** 3)
        >>> cube(tf.constant(2.0)).numpy(), cube.experimental_get_tracing_count()
        (np.float32(8.0), 1)
    """

    def __init__(self, python_function, input_signature=None, autograph: bool = True,
                 jit_compile=None, reduce_retracing: bool = False, name: str | None = None):
        functools.update_wrapper(self, python_function, updated=())
        self._python_function = python_function
        self._input_signature = None if input_signature is None else tuple(input_signature)
        self._autograph = autograph
        self._jit_compile = jit_compile
        self._reduce_retracing = bool(reduce_retracing)
        self._name = name or getattr(python_function, "__name__", "function")
        self._cache: collections.OrderedDict = collections.OrderedDict()
        self._cache_limit = DEFAULT_CACHE_LIMIT
        self._tracing_count = 0
        self._log: collections.deque = collections.deque(maxlen=_LOG_SIZE)
        self._calls: collections.deque = collections.deque(maxlen=10)
        self._warnings = 0
        self._traced_once = False
        self._bound: dict = {}
        self._signature_concrete = None
        self._init_signature(python_function)

    def _init_signature(self, python_function) -> None:
        try:
            sig = inspect.signature(python_function)
        except (TypeError, ValueError):
            self._sig, self._arg_names, self._arity = None, [], -1
            return
        params = list(sig.parameters.values())
        positional = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
        self._sig = sig
        self._arg_names = [p.name for p in params if p.kind in positional]
        simple = all(p.kind in positional for p in params)
        self._arity = len(params) if simple else -1

    # --- public API ---------------------------------------------------------------------

    @property
    def python_function(self):
        """The original Python function (TF's `python_function`)."""
        return self._python_function

    @property
    def input_signature(self):
        return self._input_signature

    @property
    def experimental_cache_limit(self) -> int:
        """How many traces the cache keeps (least recently used ones are evicted first)."""
        return self._cache_limit

    @experimental_cache_limit.setter
    def experimental_cache_limit(self, limit: int) -> None:
        if int(limit) < 1:
            raise ValueError(f"experimental_cache_limit must be >= 1, got {limit}")
        self._cache_limit = int(limit)
        self._evict()

    def experimental_get_tracing_count(self) -> int:
        """How many times the Python function has been traced."""
        return self._tracing_count

    def experimental_retrace_log(self) -> list:
        """One line per retrace saying which argument changed and how (C1); the latest 100."""
        return list(self._log)

    def get_concrete_function(self, *args, **kwargs):
        """The trace for these arguments (tensors, `tf.TensorSpec`s or Python values)."""
        if self._input_signature is not None and not args and not kwargs:
            return self._concrete_for_signature()
        cargs, ckwargs = self._canonical(args, kwargs)
        key, _ = signature.flatten(cargs, ckwargs)
        return self._lookup(key, cargs, ckwargs)

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        entry = self._bound.get(id(instance))
        if entry is not None and entry[0]() is instance:
            return entry[1]
        try:
            ref = weakref.ref(instance, functools.partial(_forget, self._bound, id(instance)))
            method = _WeakMethod(self._python_function, ref)
        except TypeError:  # no weak references to this object: bind it strongly
            ref = functools.partial(_identity, instance)
            method = types.MethodType(self._python_function, instance)
        bound = Function(method, self._input_signature, self._autograph, self._jit_compile,
                         self._reduce_retracing, self._name)
        self._bound[id(instance)] = (ref, bound)
        return bound

    def __repr__(self) -> str:
        return f"<tensorlet.function Function {self._name!r}>"

    # --- calls --------------------------------------------------------------------------

    def __call__(self, *args, **kwargs):
        if state.builder is not None or _mode["eager"]:
            return self._python_function(*args, **kwargs)
        if self._input_signature is not None:
            return self._call_with_signature(args, kwargs)
        if not kwargs and len(args) == self._arity and not state.tapes:
            key = []
            for a in args:
                if type(a) is not EagerTensor:
                    break
                v = a._value
                key.append((v.shape, v.dtype))
            else:
                key = tuple(key)
                concrete = self._cache.get(key)
                if concrete is not None and (not concrete.guards
                                             or tracing.guards_hold(concrete.guards)):
                    self._cache.move_to_end(key)
                    self._calls.append(False)
                    return concrete.call_arrays([a._value for a in args])
        cargs, ckwargs = self._canonical(args, kwargs)
        key, leaves = signature.flatten(cargs, ckwargs)
        concrete = self._lookup(key, cargs, ckwargs)
        return concrete.call_inputs([x for x in leaves if signature.is_input_object(x)])

    def _canonical(self, args: tuple, kwargs: dict) -> tuple:
        if self._sig is None or (not kwargs and len(args) == self._arity):
            return args, kwargs
        bound = self._sig.bind(*args, **kwargs)
        bound.apply_defaults()
        return bound.args, bound.kwargs

    def _lookup(self, key: tuple, cargs: tuple, ckwargs: dict):
        """The cached trace for `key` (re-traced if a guarded Python value changed)."""
        concrete = self._cache.get(key)
        if concrete is None:
            concrete = next((c for c in self._cache.values()
                             if signature.compatible(key, c.key)), None)
            if concrete is not None:
                self._cache[key] = concrete
        if concrete is not None:
            self._cache.move_to_end(key)
            if not concrete.guards or tracing.guards_hold(concrete.guards):
                self._calls.append(False)
                return concrete
            return self._retrace(key, key, cargs, ckwargs,
                                 tracing.guard_changes(concrete.guards))
        trace_key = key
        if self._reduce_retracing:
            similar = signature.relaxed(key)
            for c in reversed(self._cache.values()):
                if signature.relaxed(c.key) == similar:
                    trace_key = signature.generalize(key, c.key)
                    break
        return self._retrace(key, trace_key, cargs, ckwargs, None)

    def _retrace(self, key: tuple, trace_key: tuple, cargs: tuple, ckwargs: dict, reasons):
        paths = signature.leaf_paths(self._arg_names, cargs, ckwargs)
        if reasons is None and self._cache:
            last = next(reversed(self._cache.values()))
            reasons = signature.differences(last.paths, last.key, paths, key)
        concrete = self._trace(trace_key, cargs, ckwargs, paths)
        if reasons:
            self._log.append(f"retrace #{self._tracing_count} of {self._name}: "
                             + "; ".join(reasons))
        self._note_trace()
        self._cache[key] = concrete
        if trace_key != key:
            self._cache[trace_key] = concrete
        self._evict()
        return concrete

    def _trace(self, key: tuple, cargs: tuple, ckwargs: dict, paths: list):
        allow = not self._traced_once
        try:
            concrete = self._trace_once(key, cargs, ckwargs, paths, allow)
            if concrete.created_variables:
                # NOTE: as in TF, a first trace that created variables is traced again without
                # creating any; creating them again raises the singleton-variable ValueError.
                concrete = self._trace_once(key, cargs, ckwargs, paths, False)
        except Exception as exc:
            # the same exception, so its own cause and context are kept
            raise exc.with_traceback(user_traceback(exc.__traceback__))  # noqa: B904
        self._traced_once = True
        return concrete

    def _trace_once(self, key, cargs, ckwargs, paths, allow: bool):
        concrete = tracing.trace(self._python_function, self._name, cargs, ckwargs, key, paths,
                                 allow, bind=self._canonical, autograph=self._autograph)
        concrete.arg_names = list(self._arg_names)
        self._tracing_count += 1
        return concrete

    def _evict(self) -> None:
        while len(self._cache) > self._cache_limit:
            key, _ = self._cache.popitem(last=False)
            message = (f"evicted the trace of {self._name} for "
                       f"{signature.key_text(key)} (cache limit {self._cache_limit})")
            self._log.append(message)
            logger.info(message)

    def _note_trace(self) -> None:
        self._calls.append(True)
        traces = sum(self._calls)
        if traces >= _WARN_AFTER and self._warnings < _MAX_WARNINGS:
            self._warnings += 1
            reason = self._log[-1] if self._log else "trace: first call"
            logger.warning(_RETRACE_TEXT.format(traces=traces, calls=len(self._calls),
                                                fn=self._python_function, reason=reason))

    # --- input_signature ----------------------------------------------------------------

    def _concrete_for_signature(self):
        if self._signature_concrete is None:
            args = self._input_signature
            key, _ = signature.flatten(args, {})
            paths = signature.leaf_paths(self._arg_names, args, {})
            self._signature_concrete = self._trace(key, args, {}, paths)
            self._note_trace()
        return self._signature_concrete

    def _call_with_signature(self, args: tuple, kwargs: dict):
        if kwargs and self._sig is not None:
            bound = self._sig.bind(*args, **kwargs)
            args, kwargs = bound.args, bound.kwargs
        inputs = bind_to_signature(self._input_signature, self._arg_names, args, kwargs)
        return self._concrete_for_signature().call_inputs(inputs)


class _WeakMethod:
    """A method bound to a weak reference, so a `tf.function` method never keeps `self` alive.

    It looks like a bound method to `inspect.signature` and to the guards (`__self__`,
    `__func__`).
    """

    def __init__(self, func, ref) -> None:
        self.__func__ = func
        self._ref = ref
        for name in ("__name__", "__qualname__", "__module__", "__doc__"):
            setattr(self, name, getattr(func, name, None))
        params = list(inspect.signature(func).parameters.values())[1:]
        self.__signature__ = inspect.Signature(params)

    @property
    def __self__(self):
        return self._ref()

    def __call__(self, *args, **kwargs):
        return self.__func__(self._ref(), *args, **kwargs)


def _forget(bound: dict, key: int, _ref) -> None:
    bound.pop(key, None)


def _identity(x):
    return x


def function(func=None, input_signature=None, autograph=True, jit_compile=None,
             reduce_retracing=False, experimental_implements=None,
             experimental_autograph_options=None, experimental_attributes=None,
             experimental_relax_shapes=None, experimental_compile=None,
             experimental_follow_type_hints=None):
    """Compiles a Python function into a callable graph function (decorator or call form).

    Args:
        func: the function; omitted when used as `@tf.function(...)` with arguments.
        input_signature: a list of `tf.TensorSpec`: one trace serves every compatible call.
        autograph: convert Python control flow on tensors (when AutoGraph is installed).
        jit_compile: accepted; results are identical with or without it.
        reduce_retracing: relax differing dims to None instead of retracing for each shape.
        experimental_relax_shapes: the old name of `reduce_retracing`.

    Returns:
        A `Function` (or a decorator returning one).

    Example:
        >>> import tensorlet as tf
        >>> @tf.function
        ... def f(x, n):
        ...     return x * n
        >>> f(tf.constant(2.0), 3).numpy()
        np.float32(6.0)
    """
    if experimental_relax_shapes is not None:
        reduce_retracing = reduce_retracing or bool(experimental_relax_shapes)
    if jit_compile is None and experimental_compile is not None:
        jit_compile = experimental_compile

    def decorate(fn):
        return Function(fn, input_signature, autograph, jit_compile, reduce_retracing)

    return decorate if func is None else decorate(func)
