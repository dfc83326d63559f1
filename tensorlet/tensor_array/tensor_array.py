"""`tf.TensorArray`: a list of tensors of one dtype that ops write and read by index.

Eagerly it is a Python list with TF 2.21's eager semantics (`_eager.py`); inside `tf.function`
it is a buffer tensor and a size tensor recorded through `tensor_array_*` ops (`_graph.py`), so
it can be a loop variable. `TensorArraySpec` flattens it into those tensors and back: this is
the protocol a loop uses to carry a TensorArray (`_type_spec`, `_to_components`,
`_from_components`, `_component_specs`, as in TF's TypeSpec).
"""

from __future__ import annotations

import numpy as np

from ..core import dtypes
from ..core.context import state
from ..core.shape import TensorShape
from ..core.spec import TensorSpec
from ..core.tensor import wrap
from ._eager import EagerTensorArray
from ._graph import GraphTensorArray, Lineage

__all__ = ["TensorArray", "TensorArraySpec"]

_NO_FLOW = None


class TensorArray:
    """A list of tensors of one dtype, written and read by index (`tf.TensorArray`).

    `write` returns a new TensorArray: use the result (`ta = ta.write(i, x)`). Eagerly, a read
    clears its slot unless `clear_after_read=False`, so a later `stack()` has zeros there.

    Args:
        dtype: the dtype of every element.
        size: the number of elements (an int or an int scalar tensor); required.
        dynamic_size: let writes beyond `size` grow the array (default False).
        clear_after_read: eagerly, a read empties its slot (default True).
        tensor_array_name: accepted for compatibility.
        handle: accepted for compatibility.
        flow: accepted for compatibility.
        infer_shape: learn the element shape from the first write and require it of the next.
        element_shape: the shape every element must have (default: unknown).
        colocate_with_first_write_call: accepted for compatibility.
        name: accepted for compatibility.

    Raises:
        ValueError: when `size` is missing.

    Example:
        >>> import tensorlet as tf
        >>> ta = tf.TensorArray(tf.float32, size=2)
        >>> ta = ta.write(0, [1., 2.]).write(1, [3., 4.])
        >>> ta.stack().numpy()
        array([[1., 2.],
               [3., 4.]], dtype=float32)
    """

    __slots__ = ("_impl",)

    def __init__(self, dtype, size=None, dynamic_size=None, clear_after_read=None,
                 tensor_array_name=None, handle=None, flow=None, infer_shape=True,
                 element_shape=None, colocate_with_first_write_call=True, name=None) -> None:
        dtype = dtypes.as_dtype(dtype)
        if state.builder is None:
            self._impl = EagerTensorArray(dtype, size, dynamic_size, clear_after_read,
                                          infer_shape, element_shape)
        else:
            self._impl = GraphTensorArray.create(dtype, size, dynamic_size, infer_shape,
                                                 element_shape)

    @classmethod
    def _wrap(cls, impl) -> TensorArray:
        ta = cls.__new__(cls)
        ta._impl = impl
        return ta

    # --- properties ---------------------------------------------------------------------

    @property
    def dtype(self) -> dtypes.DType:
        """The dtype of the elements."""
        return self._impl.dtype

    @property
    def dynamic_size(self) -> bool:
        """Whether writes beyond the size grow the array."""
        return self._impl.dynamic_size

    @property
    def element_shape(self) -> TensorShape:
        """The shape of the elements, as far as it is known."""
        return self._impl.element_shape

    @property
    def flow(self):
        """Eagerly a placeholder int32 0 (as in TF); inside `tf.function` the buffer tensor."""
        return self._impl.buffer if self._traced else wrap(_zero_flow())

    @property
    def handle(self):
        """None: tensorlet's TensorArrays have no resource handle (TF2 has none either)."""
        return _NO_FLOW

    @property
    def _traced(self) -> bool:
        return isinstance(self._impl, GraphTensorArray)

    @property
    def _type_spec(self) -> TensorArraySpec:
        spec = TensorArraySpec(self.element_shape, self.dtype, self.dynamic_size,
                               self._impl.infer_shape)
        spec._template = self._impl
        return spec

    # --- methods ------------------------------------------------------------------------

    def write(self, index, value, name=None) -> TensorArray:
        """Writes `value` at `index`; returns the new TensorArray.

        Raises:
            OutOfRangeError: eagerly, for a negative index or one beyond a fixed size.
            InvalidArgumentError: when `value` has another dtype.
            ValueError: when its shape differs from the element shape (`Incompatible shape`).

        Example:
            >>> import tensorlet as tf
            >>> tf.TensorArray(tf.int32, size=2).write(1, 7).stack().numpy()
            array([0, 7], dtype=int32)
        """
        return TensorArray._wrap(self._impl.write(index, value))

    def read(self, index, name=None):
        """The element at `index` (eagerly, its slot is cleared unless `clear_after_read=False`).

        Example:
            >>> import tensorlet as tf
            >>> tf.TensorArray(tf.float32, size=1).write(0, 5.).read(0).numpy()
            np.float32(5.0)
        """
        return self._impl.read(index)

    def stack(self, name=None):
        """All elements stacked into one tensor (unwritten ones as zeros).

        Example:
            >>> import tensorlet as tf
            >>> tf.TensorArray(tf.float32, size=2).write(1, 3.).stack().numpy()
            array([0., 3.], dtype=float32)
        """
        return self._impl.stack()

    def unstack(self, value, name=None) -> TensorArray:
        """A TensorArray whose elements are the rows of `value`.

        Example:
            >>> import tensorlet as tf
            >>> tf.TensorArray(tf.float32, size=2).unstack([1., 2.]).read(1).numpy()
            np.float32(2.0)
        """
        return TensorArray._wrap(self._impl.unstack(value))

    def gather(self, indices, name=None):
        """The elements at `indices`, stacked.

        Example:
            >>> import tensorlet as tf
            >>> ta = tf.TensorArray(tf.float32, size=3).unstack([1., 2., 3.])
            >>> ta.gather([2, 0]).numpy()
            array([3., 1.], dtype=float32)
        """
        return self._impl.gather(indices)

    def scatter(self, indices, value, name=None) -> TensorArray:
        """Writes row `j` of `value` at `indices[j]`; returns the new TensorArray.

        Example:
            >>> import tensorlet as tf
            >>> tf.TensorArray(tf.float32, size=3).scatter([2, 0], [5., 6.]).stack().numpy()
            array([6., 0., 5.], dtype=float32)
        """
        return TensorArray._wrap(self._impl.scatter(indices, value))

    def concat(self, name=None):
        """All elements concatenated along their first axis.

        Example:
            >>> import tensorlet as tf
            >>> ta = tf.TensorArray(tf.float32, size=2, infer_shape=False)
            >>> ta.write(0, [1., 2.]).write(1, [3.]).concat().numpy()
            array([1., 2., 3.], dtype=float32)
        """
        return self._impl.concat()

    def split(self, value, lengths, name=None) -> TensorArray:
        """A TensorArray whose elements are consecutive pieces of `value` of `lengths` rows.

        Example:
            >>> import tensorlet as tf
            >>> ta = tf.TensorArray(tf.float32, size=2).split([1., 2., 3.], [2, 1])
            >>> ta.read(0).numpy()
            array([1., 2.], dtype=float32)
        """
        return TensorArray._wrap(self._impl.split(value, lengths))

    def size(self, name=None):
        """The number of elements, an int32 scalar tensor.

        Example:
            >>> import tensorlet as tf
            >>> tf.TensorArray(tf.float32, size=3).size().numpy()
            np.int32(3)
        """
        return self._impl.size()

    def identity(self) -> TensorArray:
        """A TensorArray with the same elements."""
        return TensorArray._wrap(self._impl)

    def close(self, name=None) -> None:
        """Eagerly, removes every element (size 0); inside `tf.function`, does nothing."""
        self._impl.close()

    def grad(self, source, flow=None, name=None):
        """TF1's gradient TensorArray; use `tf.GradientTape` instead.

        Raises:
            NotImplementedError: always.
        """
        raise NotImplementedError(
            "TensorArray.grad is not supported when executing eagerly; eager's gradient "
            "implementation does not use/need this function to compute gradients of "
            "operations that use TensorArrays.")


def _zero_flow() -> np.ndarray:
    return np.array(0, np.int32)


class TensorArraySpec:
    """The type of a TensorArray: element shape, dtype, dynamic size, shape inference.

    A loop that carries a TensorArray flattens it with `_to_components` (inside `tf.function`:
    the buffer and size tensors, typed by `_component_specs`) and rebuilds it with
    `_from_components`. A spec taken from a value (`ta._type_spec`) rebuilds TensorArrays of
    that value's lineage, so element shapes learned in a loop body reach the value outside.

    Example:
        >>> import tensorlet as tf
        >>> tf.TensorArraySpec([2], tf.float32)
        TensorArraySpec(TensorShape([2]), tf.float32, False, True)
    """

    __slots__ = ("_element_shape", "_dtype", "_dynamic_size", "_infer_shape", "_template")

    def __init__(self, element_shape=None, dtype=dtypes.float32, dynamic_size=False,
                 infer_shape=True) -> None:
        self._element_shape = TensorShape(element_shape)
        self._dtype = dtypes.as_dtype(dtype)
        self._dynamic_size = dynamic_size
        self._infer_shape = infer_shape
        self._template = None

    @property
    def value_type(self) -> type:
        return TensorArray

    @property
    def _component_specs(self) -> list:
        return [TensorSpec(None, self._dtype), TensorSpec([], dtypes.int32)]

    def _to_components(self, value: TensorArray) -> list:
        impl = value._impl
        if isinstance(impl, GraphTensorArray):
            return [impl.buffer, impl.size_t]
        return [wrap(_zero_flow())]

    def _from_components(self, components) -> TensorArray:
        template = self._template
        if isinstance(template, EagerTensorArray):
            return TensorArray._wrap(template)
        buffer, size_t = components
        if isinstance(template, GraphTensorArray):
            return TensorArray._wrap(GraphTensorArray(template.lineage, buffer, size_t,
                                                      template.rows))
        lineage = Lineage(self._dtype, self._element_shape, bool(self._dynamic_size),
                          self._infer_shape)
        return TensorArray._wrap(GraphTensorArray(lineage, buffer, size_t, None))

    def is_compatible_with(self, other) -> bool:
        if isinstance(other, TensorArray):
            other = other._type_spec
        return (isinstance(other, TensorArraySpec) and other._dtype is self._dtype
                and self._element_shape.is_compatible_with(other._element_shape))

    def __eq__(self, other) -> bool:
        return (isinstance(other, TensorArraySpec) and other._dtype is self._dtype
                and other._element_shape == self._element_shape
                and other._dynamic_size == self._dynamic_size
                and other._infer_shape == self._infer_shape)

    def __hash__(self) -> int:
        return hash((self._dtype, self._dynamic_size, self._infer_shape))

    def __repr__(self) -> str:
        return (f"TensorArraySpec({self._element_shape!r}, {self._dtype!r}, "
                f"{self._dynamic_size!r}, {self._infer_shape!r})")
