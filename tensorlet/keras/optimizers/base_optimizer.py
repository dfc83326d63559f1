"""`Optimizer`: the base of Keras optimizers (Keras 3 semantics, Keras 2 spellings accepted).

A step (`apply_gradients`) drops missing gradients (explaining why, C13), unscales and clips
the others, applies weight decay, updates each variable with its slots, updates the moving
averages, applies each variable's constraint, then adds 1 to `iterations`. Slots are created
lazily, the first time a variable is seen (A12.4), and are keyed by the variable itself, so two
optimizers on two parts of one model never share state (A12.9).

A built-in optimizer declares its slot names (`_slot_names`), its hyperparameters as constants
(`_hyper_values`, cached per dtype), the per-step scalars (`_step_constants`, computed once per
step and dtype) and the per-variable rule (`_update_step`), all in tensorlet ops, so a step also
runs inside `tf.function`. A user subclass may instead follow Keras 3: override `build` (calling
`super().build(var_list)` then `add_variable_from_reference`) and `update_step`.
"""

from __future__ import annotations

import re

import tensorlet as tf

from .. import backend
from . import averaging, gradients
from . import learning_rate as learning_rate_module
from .optimizer_state import OptimizerState

__all__ = ["Optimizer"]

_KERAS2_CONFIG_KEYS = ("is_legacy_optimizer", "jit_compile")

# The arguments every built-in optimizer takes explicitly and hands on to `Optimizer`.
BASE_ARGUMENTS = ("learning_rate", "weight_decay", "clipnorm", "clipvalue", "global_clipnorm",
                  "use_ema", "ema_momentum", "ema_overwrite_frequency", "loss_scale_factor",
                  "gradient_accumulation_steps", "name")


def base_arguments(arguments: dict) -> dict:
    """The `Optimizer` arguments among a subclass `__init__`'s `locals()`, with its `**kwargs`.

    Call it first thing in `__init__` (`super().__init__(**base_arguments(locals()))`), so
    that `locals()` holds only the arguments.

    Example:
        >>> from tensorlet.keras.optimizers import base_optimizer
        >>> args = dict.fromkeys(base_optimizer.BASE_ARGUMENTS, None)
        >>> base_optimizer.base_arguments({**args, "beta_1": 0.9, "kwargs": {"lr": 1.0}})["lr"]
        1.0
    """
    return {**{key: arguments[key] for key in BASE_ARGUMENTS}, **arguments["kwargs"]}


class Optimizer(OptimizerState):
    """The base class of optimizers: subclass it and implement `update_step` (and `build`).

    Args:
        learning_rate: a float, a `LearningRateSchedule`, or a callable without arguments.
        weight_decay: if set, each step first does `v -= v * weight_decay * learning_rate`.
        clipnorm: clips each gradient to this L2 norm.
        clipvalue: clips each gradient elementwise to `[-clipvalue, clipvalue]`.
        global_clipnorm: clips all gradients together to this global L2 norm.
        use_ema: keep an exponential moving average of the variables.
        ema_momentum: the average's momentum (`use_ema=True` only).
        ema_overwrite_frequency: copy the averages into the variables every this many steps.
        loss_scale_factor: gradients are divided by it (see `scale_loss`).
        gradient_accumulation_steps: not supported (raises NotImplementedError when set).
        name: the optimizer's name (`"sgd"`, `"sgd_1"`... by default).
        **kwargs: Keras 2's `lr` and `decay` (deprecated, still working).

    Raises:
        ValueError: for unknown keyword arguments, more than one clipping argument, a bad
            `learning_rate`, or bad EMA arguments.

    Example:
        >>> import tensorlet as tf
        >>> from tensorlet.keras import optimizers
        >>> class PlainSGD(optimizers.Optimizer):
        ...     def __init__(self, learning_rate=0.1, **kwargs):
        ...         super().__init__(learning_rate=learning_rate, **kwargs)
        ...     def update_step(self, gradient, variable, learning_rate):
        ...         variable.assign_sub(gradient * learning_rate)
        >>> v = tf.Variable(1.0)
        >>> _ = PlainSGD().apply_gradients([(tf.constant(2.0), v)])
        >>> v.numpy()
        np.float32(0.8)
    """

    def __init__(self, learning_rate, weight_decay=None, clipnorm=None, clipvalue=None,
                 global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        learning_rate, decay = learning_rate_module.legacy_arguments(learning_rate, kwargs)
        if kwargs:
            raise ValueError(f"Argument(s) not recognized: {kwargs}")
        _check_clipping(clipnorm, clipvalue, global_clipnorm)
        _check_accumulation(gradient_accumulation_steps)
        if use_ema:
            averaging.check_arguments(ema_momentum, ema_overwrite_frequency)
        super().__init__()
        self._custom_update_step = type(self).update_step is not Optimizer.update_step
        self.name = name if name is not None else _auto_name(type(self).__name__)
        self.weight_decay = weight_decay
        self.clipnorm = clipnorm
        self.global_clipnorm = global_clipnorm
        self.clipvalue = clipvalue
        self.use_ema = use_ema
        self.ema_momentum = ema_momentum
        self.ema_overwrite_frequency = ema_overwrite_frequency
        self.loss_scale_factor = loss_scale_factor
        self.gradient_accumulation_steps = gradient_accumulation_steps
        self._decay = decay
        self._exclude_ids: set = set()
        self._exclude_pattern = None
        self._decay_cache: dict = {}
        self._learning_rate = learning_rate_module.make(learning_rate)
        if isinstance(self._learning_rate, tf.Variable):
            self._track(self._learning_rate)

    # --- learning rate ---------------------------------------------------------------------

    @property
    def learning_rate(self):
        """The learning rate: a float32 Variable (settable), or the schedule's current value."""
        if isinstance(self._learning_rate, tf.Variable):
            return self._learning_rate
        return learning_rate_module.current(self._learning_rate, self._iterations)

    @learning_rate.setter
    def learning_rate(self, value):
        previous = self._learning_rate
        self._learning_rate = learning_rate_module.assign(previous, value)
        if self._learning_rate is not previous:
            self._untrack(previous)
            if isinstance(self._learning_rate, tf.Variable):
                self._track(self._learning_rate, first=True)

    # NOTE: Keras 2's alias (`optimizer.lr`), still used by older code.
    lr = learning_rate

    def _current_learning_rate(self):
        lr = learning_rate_module.current(self._learning_rate, self._iterations)
        if self._decay:
            dtype = lr.dtype
            lr = lr / (1.0 + self._decay * tf.cast(self._iterations, dtype))
        return lr

    # --- a training step -------------------------------------------------------------------

    def apply_gradients(self, grads_and_vars, name=None, skip_gradients_aggregation=False,
                        **kwargs):
        """Applies one step of gradients to variables.

        Args:
            grads_and_vars: `(gradient, variable)` pairs: a list or `zip(grads, variables)`.
            name, skip_gradients_aggregation, **kwargs: accepted for Keras 2 code; unused.

        Returns:
            The `iterations` Variable.

        Raises:
            ValueError: when every gradient is None ("No gradients provided for any
                variable.", followed by the reason for each variable).

        Example:
            >>> import tensorlet as tf
            >>> from tensorlet.keras import optimizers
            >>> v = tf.Variable(10.0)
            >>> _ = optimizers.SGD(1.0, clipvalue=0.5).apply_gradients(zip([3.0], [v]))
            >>> v.numpy()
            np.float32(9.5)
        """
        pairs = list(grads_and_vars)
        self.apply([g for g, _ in pairs], [v for _, v in pairs])
        return self._iterations

    def apply(self, grads, trainable_variables=None):
        """Applies `grads` to `trainable_variables` (default: those the optimizer was built on).

        Raises:
            ValueError: without variables, when the optimizer is not built or the number of
                gradients differs from its number of variables.
        """
        grads = list(grads)
        if not grads:
            return
        variables = self._variables_for(grads, trainable_variables)
        self._ensure_known(variables)
        if any(g is None for g in grads):
            grads, variables = gradients.check_missing(grads, variables)
        grads = [gradients.to_dense(g, v) for g, v in zip(grads, variables)]
        if self.loss_scale_factor is not None:
            grads = [g / tf.cast(self.loss_scale_factor, g.dtype) for g in grads]
        grads = gradients.clip(self, grads)
        lr = self._current_learning_rate()
        if self.weight_decay is not None:
            self._apply_weight_decay(variables, lr)
        self._update_variables(grads, variables, lr)
        if self.use_ema:
            averaging.update(self, self._iterations)
        for variable in variables:
            constraint = variable.constraint
            if constraint is not None:
                constrained = constraint(variable)
                if constrained is not variable:
                    variable.assign(constrained)
        self._iterations.assign_add(self._one)

    def _variables_for(self, grads: list, trainable_variables) -> list:
        if trainable_variables is not None:
            return list(trainable_variables)
        if not self.built:
            raise ValueError("When passing `grads` without `variables`, the optimizer must "
                             "already be built on a list of variables. Call "
                             "`optimizer.build(trainable_variables)` first. ")
        if len(grads) != len(self._trainable_variables):
            raise ValueError(f"When passing `grads` as a list of gradient tensors, the "
                             f"gradients must match `optimizer.variables` one-to-one. Received "
                             f"a list of {len(grads)} gradients, but the optimizer is tracking "
                             f"{len(self._trainable_variables)} trainable variables.")
        return list(self._trainable_variables)

    def _update_variables(self, grads: list, variables: list, lr) -> None:
        self._prepare_step(variables)
        if self._custom_update_step:
            for g, v in zip(grads, variables):
                self.update_step(g, v, lr)
            return
        slots = self._slots
        constants: dict = {}
        for g, v in zip(grads, variables):
            dtype = v.dtype
            c = constants.get(dtype)
            if c is None:
                c = constants[dtype] = self._step_constants(lr, dtype)
            self._update_step(g, v, slots[id(v)], c)

    def update_step(self, gradient, variable, learning_rate):
        """Updates one variable from its gradient (override it in a Keras-3-style subclass)."""
        constants = self._step_constants(learning_rate, variable.dtype)
        self._update_step(gradient, variable, self._slots[id(variable)], constants)

    def _prepare_step(self, variables: list) -> None:
        """Updates per-step optimizer state before the variables (Nadam's running product)."""

    def _step_constants(self, lr, dtype) -> tuple:
        """The scalars shared by all variables of `dtype` in this step (default: the rate)."""
        return (_cast(lr, dtype),)

    def _update_step(self, g, v, slots: list, constants: tuple) -> None:
        raise NotImplementedError(f"Optimizer '{type(self).__name__}' must implement "
                                  f"`update_step(gradient, variable, learning_rate)`.")

    def minimize(self, loss, var_list, tape=None):
        """Computes the gradients of `loss` and applies them (Keras 2's API).

        Args:
            loss: a callable returning the loss, or a tensor computed under `tape`.
            var_list: the variables to train, or a callable returning them.
            tape: the GradientTape that recorded a tensor `loss`.

        Returns:
            The `iterations` Variable.

        Example:
            >>> import tensorlet as tf
            >>> from tensorlet.keras import optimizers
            >>> v = tf.Variable(3.0)
            >>> _ = optimizers.SGD(0.1).minimize(lambda: v * v, [v])
            >>> v.numpy()
            np.float32(2.4)
        """
        if tape is None:
            if not callable(loss):
                raise ValueError("`tape` is required when a `Tensor` loss is passed. "
                                 f"Received: loss={loss}, tape={tape}.")
            with tf.GradientTape() as tape:
                if callable(var_list):
                    var_list = var_list()
                tape.watch(var_list)
                loss = loss()
        if callable(var_list):
            var_list = var_list()
        var_list = list(var_list)
        grads = tape.gradient(loss, var_list)
        return self.apply_gradients(zip(grads, var_list))

    def scale_loss(self, loss):
        """Multiplies the loss by `loss_scale_factor` (when set) before differentiation."""
        if self.loss_scale_factor is not None:
            return loss * self.loss_scale_factor
        return loss

    # --- weight decay ----------------------------------------------------------------------

    def exclude_from_weight_decay(self, var_list=None, var_names=None):
        """Excludes variables (or those whose name contains one of `var_names`) from decay.

        Raises:
            ValueError: when called after the optimizer is built.
        """
        if self.built:
            raise ValueError("`exclude_from_weight_decay()` can only be configured before the "
                             "optimizer is built.")
        self._exclude_ids = {id(v) for v in var_list or ()}
        self._exclude_pattern = re.compile("|".join(set(var_names))) if var_names else None
        self._decay_cache = {}

    def _use_weight_decay(self, variable) -> bool:
        use = self._decay_cache.get(id(variable))
        if use is None:
            use = id(variable) not in self._exclude_ids and not (
                self._exclude_pattern is not None
                and self._exclude_pattern.search(variable.name) is not None)
            self._decay_cache[id(variable)] = use
        return use

    def _apply_weight_decay(self, variables: list, lr) -> None:
        for v in variables:
            if self._use_weight_decay(v):
                dtype = v.dtype
                v.assign_sub(v * tf.cast(self.weight_decay, dtype) * _cast(lr, dtype))

    # --- moving averages -------------------------------------------------------------------

    def finalize_variable_values(self, var_list):
        """With `use_ema=True`, copies the moving averages into `var_list` (end of training)."""
        if self.use_ema:
            averaging.overwrite(self, var_list)

    # --- config ----------------------------------------------------------------------------

    def get_config(self) -> dict:
        """The optimizer's hyperparameters (Keras 3's keys; a float32-rounded learning rate).

        Example:
            >>> from tensorlet.keras import optimizers
            >>> optimizers.SGD(0.01, name="sgd").get_config()["learning_rate"]
            0.009999999776482582
        """
        config = {
            "name": self.name,
            "learning_rate": learning_rate_module.to_config(self._learning_rate),
            "weight_decay": self.weight_decay,
            "clipnorm": self.clipnorm,
            "global_clipnorm": self.global_clipnorm,
            "clipvalue": self.clipvalue,
            "use_ema": self.use_ema,
            "ema_momentum": self.ema_momentum,
            "ema_overwrite_frequency": self.ema_overwrite_frequency,
            "loss_scale_factor": self.loss_scale_factor,
            "gradient_accumulation_steps": self.gradient_accumulation_steps,
        }
        if self._decay:
            config["decay"] = self._decay
        return config

    @classmethod
    def from_config(cls, config: dict, custom_objects=None):
        """Builds an optimizer from `get_config()`'s output (Keras 2 configs accepted).

        Example:
            >>> from tensorlet.keras import optimizers
            >>> config = optimizers.Adam(0.5).get_config()
            >>> float(optimizers.Adam.from_config(config).learning_rate.numpy())
            0.5
        """
        config = dict(config)
        for key in _KERAS2_CONFIG_KEYS:
            config.pop(key, None)
        if "learning_rate" in config:
            config["learning_rate"] = learning_rate_module.from_config(
                config["learning_rate"], custom_objects)
        return cls(**config)



def _cast(x, dtype):
    """`x` in `dtype` (itself when it already has it: no op)."""
    if getattr(x, "dtype", None) == dtype:
        return x
    return tf.cast(x, dtype)


def _auto_name(class_name: str) -> str:
    """`SGD` -> `sgd`, then `sgd_1`...; `RMSprop` -> `rm_sprop` (Keras's names)."""
    snake = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", class_name)
    snake = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", snake).lower()
    uid = backend.get_uid(snake)
    return snake if uid == 1 else f"{snake}_{uid - 1}"


def _check_clipping(clipnorm, clipvalue, global_clipnorm) -> None:
    if sum(a is not None for a in (clipnorm, clipvalue, global_clipnorm)) > 1:
        raise ValueError(f"Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be "
                         f"set. Received: clipnorm={clipnorm}, clipvalue={clipvalue}, "
                         f"global_clipnorm={global_clipnorm}")


def _check_accumulation(steps) -> None:
    if not steps:
        return
    if not steps >= 2:
        raise ValueError(f"`gradient_accumulation_steps` must be an integer >= 2. Received: "
                         f"gradient_accumulation_steps={steps}")
    raise NotImplementedError(
        f"gradient_accumulation_steps={steps}: gradient accumulation is not supported by "
        f"tensorlet's optimizers yet (Keras's default is None). Accumulate the gradients "
        f"yourself and call apply_gradients every {steps} steps.")
