"""`tf.data.Dataset`: the base class, whose methods build a pipeline of dataset objects.

Each transformation is a subclass in a module named after its concern (`sources`, `transform`,
`sequencing`, `batching`, `shuffling`, `prefetch`, `text`). A dataset knows its element
structure (`element_spec`) and cardinality without running anything; iterating it runs the
pipeline. Internally elements flow as flat tuples of NumPy arrays (`structure.py`); datasets
over in-memory arrays also expose an *indexed view* (`indexed.py`) so that shuffling and
batching move indices, not elements, and a batch is one NumPy gather.
"""

from __future__ import annotations

from ..core import dtypes
from ..core.convert import constant
from . import structure

__all__ = ["Dataset", "AUTOTUNE", "INFINITE_CARDINALITY", "UNKNOWN_CARDINALITY"]

AUTOTUNE = -1
INFINITE_CARDINALITY = -1
UNKNOWN_CARDINALITY = -2


class Dataset:
    """A sequence of elements, each a (nested) structure of tensors, built lazily.

    Example:
        >>> import tensorlet as tf
        >>> ds = tf.data.Dataset.range(6).map(lambda x: x * 2).batch(4)
        >>> [b.numpy().tolist() for b in ds]
        [[0, 2, 4, 6], [8, 10]]
    """

    _is_tensorlet_dataset = True
    _structure = None
    _tf_name: str | None = None  # the class name TF shows in reprs, when it differs

    # --- what subclasses provide ---------------------------------------------------------

    def _iter_flat(self):
        """An iterator of elements as flat tuples of leaves (arrays, or datasets)."""
        raise NotImplementedError

    def _card(self) -> int:
        return UNKNOWN_CARDINALITY

    def _view(self):
        """An `indexed.View` when elements are rows of in-memory arrays, else None."""
        return None

    # --- structure -----------------------------------------------------------------------

    @property
    def element_spec(self):
        """The structure of `tf.TensorSpec` (or `DatasetSpec`) describing one element.

        Example:
            >>> import tensorlet as tf
            >>> tf.data.Dataset.from_tensor_slices(([1, 2], [3., 4.])).element_spec
            (TensorSpec(shape=(), dtype=tf.int32, name=None), TensorSpec(shape=(), dtype=tf.float32, name=None))
        """  # noqa: E501
        return self._structure

    def cardinality(self):
        """The number of elements as an int64 tensor: `INFINITE_CARDINALITY` (-1) or
        `UNKNOWN_CARDINALITY` (-2) when it is infinite or cannot be known without running.

        Example:
            >>> import tensorlet as tf
            >>> tf.data.Dataset.range(10).batch(3).cardinality().numpy()
            np.int64(4)
        """
        return constant(self._card(), dtypes.int64)

    def __len__(self) -> int:
        n = self._card()
        if n == INFINITE_CARDINALITY:
            raise TypeError("The dataset is infinite.")
        if n == UNKNOWN_CARDINALITY:
            raise TypeError("The dataset length is unknown.")
        return n

    def __bool__(self) -> bool:
        return True

    def __repr__(self) -> str:
        return f"<{self._tf_name or type(self).__name__} element_spec={self.element_spec!r}>"

    # --- iteration -----------------------------------------------------------------------

    def __iter__(self):
        """A fresh iterator over the elements (an `OwnedIterator`)."""
        return iterator.OwnedIterator(self)

    def as_numpy_iterator(self):
        """An iterator of the elements as NumPy values (strings as `bytes`).

        Example:
            >>> import tensorlet as tf
            >>> list(tf.data.Dataset.from_tensor_slices([1, 2]).as_numpy_iterator())
            [np.int32(1), np.int32(2)]
        """
        return iterator.NumpyIterator(self)

    def reduce(self, initial_state, reduce_func, name=None):
        """Folds the elements into a state: `state = reduce_func(state, element)`.

        Raises:
            TypeError: when the new state's structure or dtypes differ from the initial one.

        Example:
            >>> import tensorlet as tf
            >>> tf.data.Dataset.range(5).reduce(tf.constant(0, tf.int64), lambda s, x: s + x)
            <tf.Tensor: shape=(), dtype=int64, numpy=10>
        """
        return loops.reduce(self, initial_state, reduce_func)

    def get_single_element(self, name=None):
        """The only element of the dataset; InvalidArgumentError when there are 0 or several."""
        return loops.single_element(self)

    # --- sources -------------------------------------------------------------------------

    @staticmethod
    def from_tensor_slices(tensors, name=None):
        """A dataset of the slices of `tensors` along their first dimension.

        Args:
            tensors: a nested structure (tuples, dicts) of tensors, arrays or lists that share
                their first dimension.

        Raises:
            ValueError: for scalars or mismatched first dimensions.

        Example:
            >>> import tensorlet as tf
            >>> [x.numpy() for x in tf.data.Dataset.from_tensor_slices([[1, 2], [3, 4]])]
            [array([1, 2], dtype=int32), array([3, 4], dtype=int32)]
        """
        return sources.TensorSliceDataset(tensors)

    @staticmethod
    def from_tensors(tensors, name=None):
        """A dataset with the single element `tensors`.

        Example:
            >>> import tensorlet as tf
            >>> tf.data.Dataset.from_tensors([1, 2]).element_spec
            TensorSpec(shape=(2,), dtype=tf.int32, name=None)
        """
        return sources.TensorDataset(tensors)

    @staticmethod
    def range(*args, **kwargs):
        """`range(stop)`, `range(start, stop[, step])` as a dataset of int64 scalars.

        Args:
            *args: as Python's `range`.
            **kwargs: `output_type` (default tf.int64) and `name`.

        Example:
            >>> import tensorlet as tf
            >>> list(tf.data.Dataset.range(1, 8, 3).as_numpy_iterator())
            [np.int64(1), np.int64(4), np.int64(7)]
        """
        return sources.RangeDataset(*args, **kwargs)

    @staticmethod
    def from_generator(generator, output_types=None, output_shapes=None, args=None,
                       output_signature=None, name=None):
        """A dataset of what the Python generator `generator()` yields.

        Args:
            generator: a callable returning an iterator (called once per iteration).
            output_types: (deprecated) the structure of dtypes; use `output_signature`.
            output_shapes: (deprecated) the structure of shapes; unknown when omitted.
            args: arguments for `generator`, passed as NumPy values.
            output_signature: the structure of `tf.TensorSpec` of each element.

        Example:
            >>> import tensorlet as tf
            >>> ds = tf.data.Dataset.from_generator(
            ...     lambda: iter([[1], [2, 3]]), output_signature=tf.TensorSpec([None], tf.int32))
            >>> [x.numpy().tolist() for x in ds]
            [[1], [2, 3]]
        """
        return sources.GeneratorDataset(generator, output_types, output_shapes, args,
                                        output_signature)

    @staticmethod
    def zip(*args, datasets=None, name=None):
        """The elements of several datasets side by side (stops at the shortest).

        Example:
            >>> import tensorlet as tf
            >>> d = tf.data.Dataset
            >>> [(int(a), int(b)) for a, b in d.zip(d.range(3), d.range(5, 7))]
            [(0, 5), (1, 6)]
        """
        if datasets is not None and args:
            raise TypeError("Both `*args` and `datasets` cannot be set.")
        if datasets is None:
            datasets = args[0] if len(args) == 1 else args
        return sources.ZipDataset(datasets)

    @staticmethod
    def list_files(file_pattern, shuffle=None, seed=None, name=None):
        """A dataset of the file names matching a glob pattern (or a list of patterns).

        Raises:
            InvalidArgumentError: when no file matches.

        Example:
            >>> import tensorlet as tf, tempfile, os
            >>> folder = tempfile.mkdtemp()
            >>> for name in ("b.csv", "a.csv", "c.txt"):
            ...     _ = open(os.path.join(folder, name), "w").write("x")
            >>> names = tf.data.Dataset.list_files(folder + "/*.csv", shuffle=False)
            >>> [os.path.basename(n) for n in names.as_numpy_iterator()]
            [b'a.csv', b'b.csv']
        """
        return text.list_files(file_pattern, shuffle, seed)

    # --- element-wise transformations ----------------------------------------------------

    def map(self, map_func, num_parallel_calls=None, deterministic=None, name=None):
        """Applies `map_func` to each element (a tuple element is passed as separate args).

        The function is traced once into a graph (as TF does) and the graph runs per element;
        a function that cannot be traced runs eagerly. `num_parallel_calls` runs it on a pool
        of threads; the output order is kept.

        Example:
            >>> import tensorlet as tf
            >>> ds = tf.data.Dataset.from_tensor_slices(([1, 2], [10, 20]))
            >>> [int(x) for x in ds.map(lambda a, b: a + b)]
            [11, 22]
        """
        return transform.MapDataset(self, map_func, num_parallel_calls)

    def filter(self, predicate, name=None):
        """Keeps the elements for which `predicate` returns a scalar `True`.

        Example:
            >>> import tensorlet as tf
            >>> [int(x) for x in tf.data.Dataset.range(6).filter(lambda x: x % 2 == 0)]
            [0, 2, 4]
        """
        return transform.FilterDataset(self, predicate)

    def flat_map(self, map_func, name=None):
        """Maps each element to a dataset and chains those datasets.

        Example:
            >>> import tensorlet as tf
            >>> ds = tf.data.Dataset.range(3).flat_map(lambda x: tf.data.Dataset.range(x))
            >>> [int(x) for x in ds]
            [0, 0, 1]
        """
        return transform.FlatMapDataset(self, map_func)

    def interleave(self, map_func, cycle_length=None, block_length=None,
                   num_parallel_calls=None, deterministic=None, name=None):
        """Maps elements to datasets and interleaves them, `cycle_length` at a time, taking
        `block_length` consecutive elements from each.

        Example:
            >>> import tensorlet as tf
            >>> ds = tf.data.Dataset.range(1, 3).interleave(
            ...     lambda x: tf.data.Dataset.from_tensors(x).repeat(3), cycle_length=2)
            >>> [int(x) for x in ds]
            [1, 2, 1, 2, 1, 2]
        """
        return transform.InterleaveDataset(self, map_func, cycle_length, block_length,
                                           num_parallel_calls)

    def take_while(self, predicate, name=None):
        """Elements until `predicate` is first False."""
        return transform.TakeWhileDataset(self, predicate)

    def enumerate(self, start=0, name=None):
        """Pairs each element with its int64 index, counting from `start`.

        Example:
            >>> import tensorlet as tf
            >>> [(int(i), int(x)) for i, x in tf.data.Dataset.from_tensor_slices([7, 8]).enumerate(5)]
            [(5, 7), (6, 8)]
        """  # noqa: E501
        return sources.ZipDataset((sources.CounterDataset(start), self))

    @staticmethod
    def counter(start=0, step=1, dtype=dtypes.int64, name=None):
        """An infinite dataset counting `start, start + step, ...`.

        Example:
            >>> import tensorlet as tf
            >>> list(tf.data.Dataset.counter(3, 2).take(3).as_numpy_iterator())
            [np.int64(3), np.int64(5), np.int64(7)]
        """
        return sources.CounterDataset(start, step, dtype)

    def apply(self, transformation_func):
        """`transformation_func(self)`, which must return a dataset."""
        result = transformation_func(self)
        if not structure.is_dataset(result):
            raise TypeError("`transformation_func` must return a `tf.data.Dataset` object.")
        return result

    def concatenate(self, dataset, name=None):
        """The elements of this dataset followed by those of `dataset` (same structure).

        Raises:
            TypeError: when the element structures or dtypes differ.
        """
        return sources.ConcatenateDataset(self, dataset)

    # --- ordering, counting --------------------------------------------------------------

    def shuffle(self, buffer_size, seed=None, reshuffle_each_iteration=True, name=None):
        """Shuffles with a sliding buffer of `buffer_size` elements (TF's algorithm).

        Seeds follow `tf.random.set_seed`: with a global seed (or `seed`) the order is
        reproducible; `reshuffle_each_iteration` gives each iteration a new order.

        Example:
            >>> import tensorlet as tf
            >>> sorted(int(x) for x in tf.data.Dataset.range(5).shuffle(3))
            [0, 1, 2, 3, 4]
        """
        return shuffling.ShuffleDataset(self, buffer_size, seed, reshuffle_each_iteration)

    def repeat(self, count=None, name=None):
        """Repeats the dataset `count` times (forever when None or -1)."""
        return sequencing.RepeatDataset(self, count)

    def take(self, count, name=None):
        """The first `count` elements (all when -1)."""
        return sequencing.TakeDataset(self, count)

    def skip(self, count, name=None):
        """All but the first `count` elements (none when -1)."""
        return sequencing.SkipDataset(self, count)

    def shard(self, num_shards, index, name=None):
        """Every `num_shards`-th element, starting at `index`."""
        return sequencing.ShardDataset(self, num_shards, index)

    def cache(self, filename="", name=None):
        """Keeps the elements of the first complete iteration and replays them afterwards.

        The cache is in memory; `filename` is accepted for compatibility (no file is written).
        """
        return sequencing.CacheDataset(self, filename)

    def prefetch(self, buffer_size, name=None):
        """Produces elements ahead on a background thread, keeping up to `buffer_size` ready.

        Example:
            >>> import tensorlet as tf
            >>> [int(x) for x in tf.data.Dataset.range(3).prefetch(tf.data.AUTOTUNE)]
            [0, 1, 2]
        """
        return prefetch.PrefetchDataset(self, buffer_size)

    # --- batching ------------------------------------------------------------------------

    def batch(self, batch_size, drop_remainder=False, num_parallel_calls=None,
              deterministic=None, name=None):
        """Stacks `batch_size` consecutive elements (the last batch may be smaller unless
        `drop_remainder`).

        Example:
            >>> import tensorlet as tf
            >>> tf.data.Dataset.range(5).batch(2).element_spec
            TensorSpec(shape=(None,), dtype=tf.int64, name=None)
        """
        return batching.BatchDataset(self, batch_size, drop_remainder, num_parallel_calls)

    def padded_batch(self, batch_size, padded_shapes=None, padding_values=None,
                     drop_remainder=False, name=None):
        """Batches elements of different shapes, padding each to `padded_shapes` (unknown
        dims: the longest in the batch) with `padding_values` (0 or b"" by default).

        Example:
            >>> import tensorlet as tf
            >>> ds = tf.data.Dataset.range(1, 4).map(lambda x: tf.fill([x], x))
            >>> [b.numpy().tolist() for b in ds.padded_batch(2)]
            [[[1, 0], [2, 2]], [[3, 3, 3]]]
        """
        return batching.PaddedBatchDataset(self, batch_size, padded_shapes, padding_values,
                                           drop_remainder)

    def unbatch(self, name=None):
        """Splits each element along its first dimension into several elements."""
        return batching.UnbatchDataset(self)

    def window(self, size, shift=None, stride=1, drop_remainder=False, name=None):
        """A dataset of windows: each element is a (structure of) dataset(s) of `size`
        elements, windows starting every `shift` elements, taking every `stride`-th.

        Example:
            >>> import tensorlet as tf
            >>> [[int(x) for x in w] for w in tf.data.Dataset.range(5).window(2, 2)]
            [[0, 1], [2, 3], [4]]
        """
        return batching.WindowDataset(self, size, shift, stride, drop_remainder)

    def _ag_for_stmt(self, extra_test, body, get_state, set_state, names, live, options):
        """AutoGraph's hook for `for x in dataset` (see `graph_loop.py`)."""
        graph_loop.ag_for_stmt(self, extra_test, body, get_state, set_state, names, live,
                               options)

    # --- options -------------------------------------------------------------------------

    def options(self):
        return options.Options()

    def with_options(self, options, name=None):
        """Accepted for compatibility: tensorlet's pipeline has no tunable options."""
        return self


# NOTE: imported last: these modules subclass `Dataset`.
from . import (  # noqa: E402
    batching,
    graph_loop,
    iterator,
    loops,
    options,
    prefetch,
    sequencing,
    shuffling,
    sources,
    text,
    transform,
)
