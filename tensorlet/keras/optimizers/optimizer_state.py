"""The variables an optimizer owns: `iterations`, the learning rate, and per-variable slots.

Slots are created the first time the optimizer sees a variable (A12.4) and are found again with
one dict lookup keyed by the variable's identity; the slot list also holds the variable, so its
identity can never be reused by another one while the optimizer lives. Two optimizers never
share slots, even on variables of one model (A12.9).
"""

from __future__ import annotations

import warnings

import tensorlet as tf

from .. import backend

__all__ = ["OptimizerState"]

_UNKNOWN_VARIABLE = (
    "Unknown variable: {}. This optimizer can only be called for the variables it was "
    "originally built with. When working with a new set of variables, you should recreate a "
    "new optimizer instance."
)


class OptimizerState:
    """Creates, tracks, saves and restores an optimizer's variables (see `Optimizer`)."""

    # NOTE: the names of the slots made for every trained variable, in creation order.
    _slot_names: tuple = ()

    def __init__(self) -> None:
        self.built = False
        self._variables: list = []
        self._trainable_variables: list = []
        self._slots: dict = {}
        self._index: dict = {}
        self._average_of: dict = {}
        self._hyper_cache: dict = {}
        self._one = tf.constant(1, tf.int64)
        self._iterations = tf.Variable(0, name="iteration", dtype=tf.int64, trainable=False)
        self._track(self._iterations)
        cls = type(self)
        self._custom_build = cls.build is not OptimizerState.build

    def __setattr__(self, name: str, value) -> None:
        object.__setattr__(self, name, value)
        if not name.startswith("_"):
            cache = self.__dict__.get("_hyper_cache")
            if cache:
                cache.clear()  # a hyperparameter changed: its constants are made again

    @property
    def iterations(self):
        """The number of steps taken so far: an int64 Variable."""
        return self._iterations

    @property
    def variables(self) -> list:
        """Every variable of the optimizer: `iterations`, the learning rate, then the slots."""
        return self._variables[:]

    def _track(self, variable, first: bool = False) -> None:
        if first:
            self._variables.insert(1, variable)
        else:
            self._variables.append(variable)

    def _untrack(self, variable) -> None:
        self._variables = [v for v in self._variables if v is not variable]

    # --- hyperparameters as constants ------------------------------------------------------

    def _hyper_values(self) -> tuple:
        """The optimizer's hyperparameters used in its update, as Python numbers."""
        return ()

    def _hyper(self, dtype) -> tuple:
        """`_hyper_values()` as constants of `dtype`, made once (not in every step)."""
        constants = self._hyper_cache.get(dtype)
        if constants is None:
            constants = tuple(tf.constant(x, dtype) for x in self._hyper_values())
            self._hyper_cache[dtype] = constants
        return constants

    # --- building --------------------------------------------------------------------------

    def build(self, var_list):
        """Creates the optimizer's variables for `var_list` (new variables only).

        Example:
            >>> import tensorlet as tf
            >>> from tensorlet.keras import optimizers
            >>> adam = optimizers.Adam()
            >>> adam.build([tf.Variable([1., 2.], name="w")])
            >>> [v.name for v in adam.variables][2:]
            ['w_0_momentum:0', 'w_0_velocity:0']
        """
        first = not self.built
        for variable in var_list:
            if id(variable) not in self._slots:
                self._add_trained(variable)
        self.built = True
        if first:
            self._create_step_variables(list(var_list))

    def _create_step_variables(self, var_list: list) -> None:
        """Creates variables shared by all trained variables (Nadam's running product)."""

    def _slot_initializer(self, slot_name: str):
        return "zeros"

    def _add_trained(self, variable) -> None:
        self._index[id(variable)] = len(self._trainable_variables)
        self._trainable_variables.append(variable)
        if getattr(self, "use_ema", False):
            self._average_of[id(variable)] = self.add_variable_from_reference(variable,
                                                                              "average")
        self._slots[id(variable)] = [
            self.add_variable_from_reference(variable, name, self._slot_initializer(name))
            for name in self._slot_names]

    def _ensure_known(self, variables: list) -> None:
        """Creates the slots of variables seen for the first time (lazily, A12.4)."""
        slots = self._slots
        for variable in variables:
            if id(variable) not in slots:
                self._learn(variables)
                return

    def _learn(self, variables: list) -> None:
        if not self.built:
            self.build(variables)
            self.built = True
        elif not self._custom_build:
            self.build([v for v in variables if id(v) not in self._slots])
        for variable in variables:
            if id(variable) not in self._slots:
                raise ValueError(_UNKNOWN_VARIABLE.format(variable))

    def _get_variable_index(self, variable) -> int:
        """The position of `variable` among the variables the optimizer was built on."""
        return self._index[id(variable)]

    def _averages(self):
        """`(variable, moving average)` pairs, for `use_ema=True`."""
        return [(v, self._average_of[id(v)]) for v in self._trainable_variables]

    def add_variable(self, shape, initializer="zeros", dtype=None, aggregation="none",
                     layout=None, name=None):
        """Creates a non-trainable variable tracked by the optimizer (in `variables`).

        Args:
            shape: its shape.
            initializer: `"zeros"`, `"ones"`, a number, or a Keras initializer (name or
                object, called with `(shape, dtype=dtype)`).
            dtype: its dtype (default: `keras.backend.floatx()`).
            aggregation, layout: accepted for Keras compatibility.
            name: its name.

        Returns:
            The new Variable.
        """
        dtype = tf.as_dtype(dtype or backend.floatx())
        shape = list(shape)
        variable = tf.Variable(_initial_value(initializer, shape, dtype), name=name,
                               dtype=dtype, trainable=False)
        self._track(variable)
        return variable

    def add_variable_from_reference(self, reference_variable, name=None, initializer="zeros"):
        """A variable of `reference_variable`'s shape and dtype, named `<its name>_<name>`."""
        shape = reference_variable.shape
        dims = shape.as_list() if shape.is_fully_defined() else reference_variable.numpy().shape
        return self.add_variable(dims, initializer=initializer, dtype=reference_variable.dtype,
                                 name=f"{_slot_prefix(reference_variable)}_{name or 'var'}")

    def add_optimizer_variables(self, trainable_variables, name, initializer="zeros"):
        """One variable per trained variable and per name (Keras 3's helper for `build`).

        Returns:
            A list of variables for one `name` string; a tuple of lists for a list of names.
        """
        names = [name] if isinstance(name, str) else list(name)
        made = tuple([] for _ in names)
        for variable in trainable_variables:
            for i, slot_name in enumerate(names):
                made[i].append(self.add_variable_from_reference(variable, slot_name,
                                                                initializer))
        return made[0] if isinstance(name, str) else made

    # --- state as arrays -------------------------------------------------------------------

    def get_weights(self) -> list:
        """The values of `variables`, as NumPy arrays."""
        return [v.numpy() for v in self._variables]

    def set_weights(self, weights) -> None:
        """Assigns `weights` (one array per variable, in `variables` order).

        Raises:
            ValueError: when the optimizer is not built yet, or a shape differs.
        """
        if not self.built:
            raise ValueError("You are calling `set_weights()` on an optimizer that has not yet "
                             "been built. Please call `optimizer.build(trainable_variables)` "
                             "to create the optimizer weights before calling `set_weights()`.")
        for variable, weight in zip(self._variables, weights):
            if tuple(variable.shape) != tuple(getattr(weight, "shape", ())):
                raise ValueError(f"Optimizer variable {variable.name} has shape "
                                 f"{variable.shape} not compatible with provided weight shape "
                                 f"{tuple(getattr(weight, 'shape', ()))}.")
            variable.assign(weight)

    def save_own_variables(self, store) -> None:
        """Writes every variable into `store` under the keys "0", "1"...."""
        for i, variable in enumerate(self._variables):
            store[str(i)] = variable.numpy()

    def load_own_variables(self, store) -> None:
        """Reads the variables back from `store` (warns and skips when the counts differ)."""
        if len(store.keys()) != len(self._variables):
            message = (f"Skipping variable loading for optimizer '{self.name}', because it has "
                       f"{len(self._variables)} variables whereas the saved optimizer has "
                       f"{len(store.keys())} variables. ")
            if not self.built:
                message += "This is likely because the optimizer has not been called/built yet."
            warnings.warn(message, stacklevel=2)
            return
        for i, variable in enumerate(self._variables):
            variable.assign(store[str(i)])


def _slot_prefix(variable) -> str:
    """Keras's slot-name prefix: the variable's path (or name) with `/` and `:` as `_`."""
    path = getattr(variable, "path", None)
    if isinstance(path, str):
        return path.replace("/", "_")
    return str(variable.name).replace("/", "_").replace(":", "_")


def _initial_value(initializer, shape: list, dtype):
    """A callable making the initial value (called eagerly, also when created in a trace)."""
    if isinstance(initializer, str) and initializer in ("zeros", "ones"):
        fill = 0 if initializer == "zeros" else 1
        return lambda: tf.constant(fill, dtype, shape=shape)
    if isinstance(initializer, (int, float)) and not isinstance(initializer, bool):
        return lambda: tf.constant(initializer, dtype, shape=shape)
    if isinstance(initializer, str):
        from .. import initializers

        initializer = initializers.get(initializer)
    return lambda: initializer(shape, dtype=dtype)
