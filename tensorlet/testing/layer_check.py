"""`run_layer_test`: the checks every Keras layer goes through (Keras 3's layer test helper).

One call checks a layer class end to end: instantiation and the `get_config` -> `from_config`
round trip; an eager call (output shape, dtype, optional values); the weight counts and losses;
a symbolic call on `tf.keras.Input` and `compute_output_shape`; the same call traced by
`tf.function`; a Functional model around the layer giving the same outputs; save/load of that
model; and one training step with `GradientTape` + SGD that lowers an MSE loss.
"""

from __future__ import annotations

import os
import tempfile

import numpy as np

import tensorlet as tf

__all__ = ["run_layer_test", "make_input_data"]


def make_input_data(input_shape, input_dtype="float32", seed: int = 1234):
    """Random inputs for `input_shape` (a shape, or a list/dict of shapes)."""
    rng = np.random.default_rng(seed)
    if isinstance(input_shape, dict):
        return {k: make_input_data(v, input_dtype, seed + i)
                for i, (k, v) in enumerate(input_shape.items())}
    if isinstance(input_shape, list) and input_shape and not _is_shape(input_shape):
        dtypes = input_dtype if isinstance(input_dtype, list) else [input_dtype] * len(
            input_shape)
        return [make_input_data(s, d, seed + i)
                for i, (s, d) in enumerate(zip(input_shape, dtypes))]
    dtype = np.dtype(tf.as_dtype(input_dtype).as_numpy_dtype)
    shape = tuple(input_shape)
    if dtype.kind in "iu":
        return rng.integers(0, 4, size=shape).astype(dtype)
    if dtype.kind == "b":
        return rng.random(shape) > 0.5
    return rng.standard_normal(shape).astype(dtype)


def _is_shape(x) -> bool:
    return isinstance(x, (tuple, list, tf.TensorShape)) and all(
        d is None or isinstance(d, int) for d in x)


def run_layer_test(layer_cls, init_kwargs=None, input_shape=None, input_dtype="float32",
                   input_data=None, call_kwargs=None, expected_output_shape=None,
                   expected_output_dtype=None, expected_output=None,
                   expected_num_trainable_weights=None, expected_num_non_trainable_weights=None,
                   expected_num_losses=None, custom_objects=None, run_training_check=True,
                   run_save_check=True, run_graph_check=True, deterministic=True,
                   rtol=1e-5, atol=1e-6):
    """Runs every generic check on `layer_cls(**init_kwargs)`; raises AssertionError on failure.

    Args:
        layer_cls: the layer class.
        init_kwargs: constructor keyword arguments.
        input_shape: the input shape, batch included (or a list of shapes for several inputs).
        input_dtype: the input dtype (or a list of dtypes).
        input_data: explicit inputs (instead of random ones of `input_shape`).
        call_kwargs: extra keyword arguments of each call.
        expected_output_shape: the exact output shape of the eager call.
        expected_output_dtype: the output dtype name (`"float32"`); when None, every floating
            output must have the layer's compute dtype.
        expected_output: expected output values (checked with rtol/atol).
        expected_num_trainable_weights / expected_num_non_trainable_weights: weight counts.
        expected_num_losses: `len(layer.losses)` after a call.
        run_training_check: check that one SGD step lowers an MSE loss (trainable layers).
        run_save_check: save and reload a Functional model holding the layer.
        run_graph_check: compare the eager call with the call traced by `tf.function`.
        deterministic: the layer gives the same output for the same input (inference mode).

    Example:
        >>> import tensorlet as tf
        >>> from tensorlet.testing.layer_check import run_layer_test
        >>> run_layer_test(tf.keras.layers.Dense, {"units": 3}, input_shape=(2, 4),
        ...                expected_output_shape=(2, 3), expected_num_trainable_weights=2)
    """
    init_kwargs = dict(init_kwargs or {})
    call_kwargs = dict(call_kwargs or {})
    if input_data is None:
        if input_shape is None:
            raise ValueError("run_layer_test: give `input_shape` or `input_data`.")
        input_data = make_input_data(input_shape, input_dtype)
    _check_config_round_trip(layer_cls, init_kwargs, custom_objects)
    layer = layer_cls(**init_kwargs)
    output = layer(input_data, **call_kwargs)
    _check_output(layer, output, expected_output_shape, expected_output_dtype, expected_output,
                  rtol, atol)
    _check_weights(layer, expected_num_trainable_weights, expected_num_non_trainable_weights)
    if expected_num_losses is not None:
        _expect(len(layer.losses) == expected_num_losses,
                f"{layer.name}: expected {expected_num_losses} losses, got {len(layer.losses)}")
    _check_config_round_trip(layer_cls, init_kwargs, custom_objects, built=layer)
    model = _check_symbolic(layer_cls, init_kwargs, input_data, call_kwargs,
                            expected_output_shape)
    if deterministic:
        _check_clone_matches(layer, input_data, call_kwargs, custom_objects, rtol, atol)
        if run_graph_check:
            _check_graph(layer, input_data, call_kwargs, rtol, atol)
        _check_model_matches_layer(model, input_data, rtol, atol)
        if run_save_check:
            _check_save_load(model, input_data, custom_objects, rtol, atol)
    if run_training_check and model.trainable_weights:
        _check_training_step(model, input_data)


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise AssertionError(message)


def _flat(x) -> list:
    return [t for t in tf.nest.flatten(x)]


def _check_config_round_trip(layer_cls, init_kwargs, custom_objects, built=None) -> None:
    from tensorlet.keras.saving import serialization

    layer = built if built is not None else layer_cls(**init_kwargs)
    config = layer.get_config()
    _expect(isinstance(config, dict), f"{layer_cls.__name__}.get_config() must return a dict")
    for key in ("name", "trainable", "dtype"):
        _expect(key in config, f"{layer_cls.__name__}.get_config() lacks '{key}': {config}")
    with serialization.custom_object_scope(custom_objects or {}):
        clone = layer_cls.from_config(config)
    _expect(type(clone) is layer_cls, f"from_config gave {type(clone).__name__}")
    again = clone.get_config()
    first = serialization.serialize_keras_object(config)
    second = serialization.serialize_keras_object(again)
    _expect(first == second, f"{layer_cls.__name__}: the config changed in a from_config "
                             f"round trip:\n{first}\n!=\n{second}")


def _check_clone_matches(layer, input_data, call_kwargs, custom_objects, rtol, atol) -> None:
    """A layer made from the config, given the same weights, computes the same outputs."""
    from tensorlet.keras.saving import serialization

    with serialization.custom_object_scope(custom_objects or {}):
        clone = type(layer).from_config(layer.get_config())
    clone(input_data, **call_kwargs)
    clone.set_weights(layer.get_weights())
    for a, b in zip(_flat(layer(input_data, **call_kwargs)),
                    _flat(clone(input_data, **call_kwargs))):
        np.testing.assert_allclose(
            np.asarray(a), np.asarray(b), rtol=rtol, atol=atol,
            err_msg=f"{layer.name}: the layer rebuilt by the config round trip (with the same "
                    f"weights) computes different outputs")


def _check_output(layer, output, shape, dtype, values, rtol, atol) -> None:
    outputs = _flat(output)
    if shape is not None:
        shapes = shape if isinstance(shape, list) and not _is_shape(shape) else [shape]
        got = [tuple(o.shape.as_list()) for o in outputs]
        _expect(got == [tuple(s) for s in shapes],
                f"{layer.name}: output shape {got} != expected {shapes}")
    if dtype is not None:
        dtypes = dtype if isinstance(dtype, list) else [dtype] * len(outputs)
        got = [o.dtype.name for o in outputs]
        _expect(got == [tf.as_dtype(d).name for d in dtypes],
                f"{layer.name}: output dtype {got} != expected {dtypes}")
    else:  # by default, floating outputs have the layer's compute dtype
        for o in outputs:
            _expect(not o.dtype.is_floating or o.dtype.name == layer.compute_dtype,
                    f"{layer.name}: output dtype {o.dtype.name} != the layer's compute dtype "
                    f"{layer.compute_dtype}")
    if values is not None:
        for o, v in zip(outputs, _flat(values) if isinstance(values, list) else [values]):
            np.testing.assert_allclose(np.asarray(o), np.asarray(v), rtol=rtol, atol=atol,
                                       err_msg=f"{layer.name}: output values")


def _check_weights(layer, n_trainable, n_non_trainable) -> None:
    _expect(layer.built, f"{layer.name}: not built after its first call")
    if n_trainable is not None:
        _expect(len(layer.trainable_weights) == n_trainable,
                f"{layer.name}: {len(layer.trainable_weights)} trainable weights, expected "
                f"{n_trainable}")
    if n_non_trainable is not None:
        _expect(len(layer.non_trainable_weights) == n_non_trainable,
                f"{layer.name}: {len(layer.non_trainable_weights)} non-trainable weights, "
                f"expected {n_non_trainable}")
    _expect(len(layer.weights) == len(layer.trainable_weights) +
            len(layer.non_trainable_weights), f"{layer.name}: weights are not the union of "
                                              f"trainable and non-trainable weights")


def _input_tensors(input_data):
    """`tf.keras.Input`s matching the data (batch dimension left unknown)."""
    def make(x):
        x = np.asarray(x)
        return tf.keras.Input(shape=x.shape[1:], dtype=tf.as_dtype(x.dtype).name)

    if isinstance(input_data, dict):
        return {k: make(v) for k, v in input_data.items()}
    if isinstance(input_data, (list, tuple)):
        return [make(x) for x in input_data]
    return make(input_data)


def _check_symbolic(layer_cls, init_kwargs, input_data, call_kwargs, expected_shape):
    layer = layer_cls(**init_kwargs)
    inputs = _input_tensors(input_data)
    outputs = layer(inputs, **call_kwargs)
    if expected_shape is not None:
        shapes = expected_shape if isinstance(expected_shape, list) and not _is_shape(
            expected_shape) else [expected_shape]
        for o, s in zip(_flat(outputs), shapes):
            want = [None] + list(s)[1:]
            _expect(o.shape.is_compatible_with(want),
                    f"{layer.name}: symbolic output shape {o.shape} is not compatible with "
                    f"{tuple(want)}")
    return tf.keras.Model(inputs=inputs, outputs=outputs)


def _check_graph(layer, input_data, call_kwargs, rtol, atol) -> None:
    eager = layer(input_data, training=False, **call_kwargs) if _takes_training(layer) \
        else layer(input_data, **call_kwargs)
    traced = tf.function(lambda x: layer(x, **call_kwargs))(_as_tensors(input_data))
    for a, b in zip(_flat(eager), _flat(traced)):
        np.testing.assert_allclose(np.asarray(a), np.asarray(b), rtol=rtol, atol=atol,
                                   err_msg=f"{layer.name}: tf.function output differs")


def _takes_training(layer) -> bool:
    from tensorlet.keras.layers.call_spec import call_spec

    return call_spec(type(layer)).accepts_training


def _as_tensors(data):
    return tf.nest.map_structure(tf.convert_to_tensor, data)


def _check_model_matches_layer(model, input_data, rtol, atol) -> None:
    first = model(input_data, training=False)
    second = model(input_data, training=False)
    for a, b in zip(_flat(first), _flat(second)):
        np.testing.assert_allclose(np.asarray(a), np.asarray(b), rtol=rtol, atol=atol,
                                   err_msg=f"{model.name}: two inference calls differ")


def _check_save_load(model, input_data, custom_objects, rtol, atol) -> None:
    try:
        from tensorlet.keras.saving import saving_lib
    except ImportError:
        return
    before = model(input_data, training=False)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "layer_test.keras")
        saving_lib.save_model(model, path)
        loaded = saving_lib.load_model(path, custom_objects=custom_objects, compile=False)
    after = loaded(input_data, training=False)
    for a, b in zip(_flat(before), _flat(after)):
        np.testing.assert_allclose(np.asarray(a), np.asarray(b), rtol=rtol, atol=atol,
                                   err_msg=f"{model.name}: predictions changed after save/load")


def _check_training_step(model, input_data) -> None:
    """One SGD step on an MSE loss towards a fixed target must lower the loss."""
    outputs = _flat(model(input_data, training=False))
    rng = np.random.default_rng(7)
    targets = [rng.standard_normal(tuple(o.shape.as_list())).astype(o.dtype.as_numpy_dtype)
               for o in outputs]

    def loss_value():
        predictions = _flat(model(input_data, training=False))
        losses = [tf.reduce_mean(tf.square(p - t)) for p, t in zip(predictions, targets)]
        return tf.add_n(losses + list(model.losses))

    before = float(loss_value())
    with tf.GradientTape() as tape:
        loss = loss_value()
    variables = model.trainable_weights
    grads = tape.gradient(loss, variables)
    _expect(any(g is not None for g in grads),
            f"{model.name}: no gradient reaches the trainable weights")
    for g, v in zip(grads, variables):
        if g is not None:
            v.assign_sub(1e-3 * tf.convert_to_tensor(g))
    after = float(loss_value())
    _expect(after < before, f"{model.name}: one SGD step did not lower the loss "
                            f"({before} -> {after})")
