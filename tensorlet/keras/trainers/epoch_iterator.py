"""`EpochIterator`: the batches of each epoch, with `steps_per_epoch` and `steps_per_execution`.

Without `steps_per_epoch`, every epoch is one fresh pass over the data. With it, one stream of
batches is shared by the epochs: arrays and PyDatasets cycle forever (a new shuffled pass when
one ends); a Dataset or generator that runs out ends training with Keras's warning. Batches are
grouped by `steps_per_execution`: the loops call the batch hooks once per group.
"""

from __future__ import annotations

import itertools
import warnings

from .data_adapter import ArrayAdapter, SequenceAdapter

__all__ = ["EpochIterator"]

_RAN_OUT = ("Your input ran out of data; interrupting training. Make sure that your dataset or "
            "generator can generate at least `steps_per_epoch * epochs` batches. You may need "
            "to use the `.repeat()` function when building your dataset.")


class EpochIterator:
    """Yields `(step, batches)` per epoch: `step` is the index of the group's last batch.

    Example:
        >>> import numpy as np
        >>> from tensorlet.keras.trainers.data_adapter import ArrayAdapter
        >>> it = EpochIterator(ArrayAdapter(np.arange(5), batch_size=2))
        >>> [(step, [b[0].tolist() for b in group]) for step, group in it.epoch()]
        [(0, [[0, 1]]), (1, [[2, 3]]), (2, [[4]])]
    """

    def __init__(self, adapter, steps_per_epoch=None, steps_per_execution=1) -> None:
        self.adapter = adapter
        self.steps_per_epoch = None if steps_per_epoch is None else int(steps_per_epoch)
        self.steps_per_execution = max(1, int(steps_per_execution or 1))
        self.insufficient_data = False
        self._stream = None
        self._learned_steps = None

    @property
    def num_steps(self):
        """Batches per epoch, when known (`steps_per_epoch`, the data's length, or the count
        seen in the first full epoch)."""
        if self.steps_per_epoch is not None:
            return self.steps_per_epoch
        if self.adapter.num_batches is not None:
            return self.adapter.num_batches
        return self._learned_steps

    def _source(self):
        if self.steps_per_epoch is None:
            return self.adapter.batches()
        if self._stream is None:
            if isinstance(self.adapter, (ArrayAdapter, SequenceAdapter)):
                adapter = self.adapter
                self._stream = itertools.chain.from_iterable(
                    adapter.batches() for _ in itertools.count())
            else:
                self._stream = iter(self.adapter.batches())
        return self._stream

    def epoch(self):
        """The `(step, [batch, ...])` groups of one epoch."""
        source = self._source()
        limit = self.steps_per_epoch
        per = self.steps_per_execution
        step = -1
        group: list = []
        for step, batch in enumerate(source if limit is None else itertools.islice(source, limit)):
            if per == 1:
                yield step, (batch,)
                continue
            group.append(batch)
            if len(group) == per:
                yield step, tuple(group)
                group = []
        if group:
            yield step, tuple(group)
        seen = step + 1
        if limit is None:
            if self._learned_steps is None and seen:
                self._learned_steps = seen
            if not seen:
                self.insufficient_data = True
                warnings.warn(_RAN_OUT, stacklevel=4)
        elif seen < limit:
            self.insufficient_data = True
            warnings.warn(_RAN_OUT, stacklevel=4)
