"""The notebook glue around chapter 12's blocks, and the values checked after them.

The chapter is an excerpt of a notebook: it uses `model`, `X_train`... that the notebook
defines, and loads models it saved off-page. The hooks below do that (the data is synthetic and
shaped like the book's California housing split: 11,610 / 3,870 / 5,160 rows of 8 features, so
`fit` shows the book's `363/363`), then check the values the chapter states (IDs from
../shared/FEATURES.md). Hooks take the chapter's namespace and a private `state` dict.
"""

from __future__ import annotations

import re

import numpy as np

import tensorlet as tf

A44_TRUE, A44_PRED = [[0.], [3.]], [[1.], [0.]]  # the A4.4 data: Huber(2) gives 2.25


def housing_like(seed=42):
    """A regression set with the book's variable names and sizes (sklearn's split sizes)."""
    rng = np.random.default_rng(seed)
    z = rng.normal(size=(20640, 8))
    w = rng.normal(size=8)
    y = 2.0 + np.tanh(z @ w / 3) + 0.3 * z[:, 0] * z[:, 1] + 0.1 * rng.normal(size=20640)
    X = z * np.linspace(0.5, 4.0, 8) + np.arange(8)  # raw features on different scales
    order = rng.permutation(20640)
    test, valid, train = order[:5160], order[5160:9030], order[9030:]
    data = {"X_train": X[train], "X_valid": X[valid], "X_test": X[test],
            "y_train": y[train, None], "y_valid": y[valid, None], "y_test": y[test, None]}
    mean, std = X[train].mean(axis=0), X[train].std(axis=0)
    for part in ("train", "valid", "test"):
        data[f"X_{part}_scaled"] = (data[f"X_{part}"] - mean) / std
    data["input_shape"] = data["X_train"].shape[1:]
    return data


def _predict(model, ns):
    return model.predict(ns["X_test_scaled"][:100], verbose=0)


def _fit(ns, model, epochs=1, **kwargs):
    return model.fit(ns["X_train_scaled"], ns["y_train"], epochs=epochs, verbose=0, **kwargs)


# ---- custom losses and saving (A4, A5) ----------------------------------------------------

def notebook_data_and_model(ns, state):
    """The notebook's first cells: the data and the ch. 10 regression MLP."""
    tf.keras.utils.set_random_seed(42)
    ns.update(housing_like())
    ns["model"] = tf.keras.Sequential([
        tf.keras.layers.Dense(30, activation="relu", kernel_initializer="he_normal",
                              input_shape=ns["input_shape"]),
        tf.keras.layers.Dense(1),
    ])


def huber_fit_lowered_the_loss(ns, state):  # A4.1
    loss = ns["model"].history.history["loss"]
    assert len(loss) == 2 and loss[1] < loss[0], loss


def save_model_with_custom_loss(ns, state):  # D1: a path with no extension
    state["pred"] = _predict(ns["model"], ns)
    ns["model"].save("my_model_with_a_custom_loss")


def loaded_model_with_custom_loss(ns, state):  # A5.1, A5.2
    np.testing.assert_array_equal(_predict(ns["model"], ns), state["pred"])
    assert ns["model"].loss is ns["huber_fn"]
    try:
        tf.keras.models.load_model("my_model_with_a_custom_loss")
    except Exception as error:  # noqa: BLE001 - the class is Keras's TypeError
        assert "huber_fn" in str(error) and "register_keras_serializable" in str(error), error
    else:
        raise AssertionError("loading without custom_objects should name 'huber_fn'")


def save_model_with_closure_loss(ns, state):  # A4.2
    _fit(ns, ns["model"])
    state["pred"] = _predict(ns["model"], ns)
    ns["model"].save("my_model_with_a_custom_loss_threshold_2")


def loaded_model_with_closure_loss(ns, state):  # A5.3
    np.testing.assert_array_equal(_predict(ns["model"], ns), state["pred"])
    assert ns["model"].loss.__name__ == "huber_fn"


def huber_loss_reductions(ns, state):  # A4.3-A4.5, D5
    HuberLoss = ns["HuberLoss"]
    loss = HuberLoss(2.)
    assert np.isclose(float(loss(A44_TRUE, A44_PRED)), 2.25)
    assert np.isclose(float(HuberLoss(2., reduction="sum")(A44_TRUE, A44_PRED)), 4.5)
    none = HuberLoss(2., reduction="none")(A44_TRUE, A44_PRED)
    np.testing.assert_allclose(np.asarray(none).ravel(), [0.5, 4.0])
    assert np.isclose(float(loss(A44_TRUE, A44_PRED, sample_weight=[1., 0.])), 0.25)
    assert np.isclose(float(HuberLoss(2., reduction="auto")(A44_TRUE, A44_PRED)), 2.25)
    assert np.isclose(float(tf.keras.losses.Huber(2.)(A44_TRUE, A44_PRED)), 2.25)
    config = loss.get_config()
    assert config["threshold"] == 2.0 and "name" in config and "reduction" in config, config
    assert HuberLoss.from_config(config).threshold == 2.0


def save_model_with_loss_class(ns, state):
    _fit(ns, ns["model"])
    state["pred"] = _predict(ns["model"], ns)
    ns["model"].save("my_model_with_a_custom_loss_class")


def loaded_model_with_loss_class(ns, state):  # A5.5
    assert isinstance(ns["model"].loss, ns["HuberLoss"]) and ns["model"].loss.threshold == 2.0
    np.testing.assert_array_equal(_predict(ns["model"], ns), state["pred"])


# ---- activations, initializers, regularizers, constraints (A6) -----------------------------

def custom_functions_values(ns, state):
    z = tf.constant([-1., 0., 2.])
    np.testing.assert_allclose(ns["my_softplus"](z), tf.nn.softplus(z), rtol=1e-6)
    init = ns["my_glorot_initializer"]((30, 1))
    assert init.shape == (30, 1) and init.dtype == tf.float32
    assert np.isclose(float(ns["my_l1_regularizer"](tf.constant([-2., 3.]))), 0.05)
    np.testing.assert_array_equal(ns["my_positive_weights"](z), tf.nn.relu(z))


def custom_parts_layer_trains(ns, state):  # A6.1, A6.6
    layer = ns["layer"]
    model = tf.keras.Sequential([
        tf.keras.layers.Dense(30, activation="relu", input_shape=ns["input_shape"]), layer])
    model.compile(loss="mse", optimizer="nadam")
    _fit(ns, model)
    assert float(tf.reduce_min(layer.kernel)) >= 0.0  # the constraint ran after every step
    assert len(model.losses) == 1 and model.losses[0].shape == ()
    model.save("my_model_with_many_custom_parts.keras")
    names = ["my_softplus", "my_glorot_initializer", "my_l1_regularizer", "my_positive_weights"]
    loaded = tf.keras.models.load_model("my_model_with_many_custom_parts.keras",
                                        custom_objects={n: ns[n] for n in names})
    np.testing.assert_array_equal(_predict(loaded, ns), _predict(model, ns))


def regularizer_class_round_trip(ns, state):  # A6.3
    MyL1Regularizer = ns["MyL1Regularizer"]
    model = tf.keras.Sequential([tf.keras.layers.Dense(
        1, input_shape=ns["input_shape"], kernel_regularizer=MyL1Regularizer(0.01))])
    model.save("my_model_with_a_regularizer_class")
    loaded = tf.keras.models.load_model("my_model_with_a_regularizer_class",
                                        custom_objects={"MyL1Regularizer": MyL1Regularizer})
    assert loaded.layers[0].kernel_regularizer.factor == 0.01


# ---- metrics (A7) -------------------------------------------------------------------------

def huber_metric_in_history(ns, state):  # A7.1
    history = _fit(ns, ns["model"])
    assert "huber_fn" in history.history, history.history.keys()


def precision_resets(ns, state):  # A7.2, D3
    precision = ns["precision"]
    assert float(precision.result()) == 0.0
    assert [v.name for v in precision.variables] == ["true_positives", "false_positives"]
    precision([0, 1], [1, 1])
    precision.reset_state()
    assert float(precision.result()) == 0.0


def huber_metric_values(ns, state):  # A7.3, A7.4, D2
    metric = ns["HuberMetric"](2.0)  # its update_state subtracts: it needs tensors, as in TF
    assert np.isclose(float(metric(tf.constant(A44_TRUE), tf.constant(A44_PRED))), 2.25)
    assert metric.variables[0] is metric.total and metric.variables[1] is metric.count
    assert [float(v) for v in metric.variables] == [4.5, 2.0]
    config = metric.get_config()
    assert config["threshold"] == 2.0 and "name" in config and "dtype" in config, config
    metric.reset_states()
    assert [float(v) for v in metric.variables] == [0.0, 0.0]


# ---- custom layers (A8) -------------------------------------------------------------------

def exponential_layer_works(ns, state):  # A8.1
    x = tf.constant([[0., 1.]])
    np.testing.assert_allclose(ns["exponential_layer"](x), np.exp([[0., 1.]]), rtol=1e-6)
    model = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=ns["input_shape"]),
                                 ns["exponential_layer"]])
    assert np.all(_predict(model, ns) > 0)
    x = tf.constant([[1., -2.]])
    dense = tf.keras.layers.Dense(2, activation=tf.exp)
    same = tf.keras.layers.Dense(2, activation="exponential")
    dense(x)
    same(x)
    same.set_weights(dense.get_weights())
    np.testing.assert_allclose(dense(x), same(x), rtol=1e-6)


def my_dense_works(ns, state):  # A8.2, A8.3
    MyDense = ns["MyDense"]
    layer = MyDense(3, "relu")
    y = layer(tf.ones((2, 4)))
    assert y.shape == (2, 3) and layer.built
    assert [w.name for w in layer.weights] == ["kernel", "bias"]
    assert layer(np.ones((2, 4))).dtype == tf.float32  # float64 NumPy input autocasts
    config = layer.get_config()
    assert config["units"] == 3 and config["activation"] == "relu" and "name" in config
    model = tf.keras.Sequential([MyDense(30, activation="relu", input_shape=ns["input_shape"]),
                                 MyDense(1)])
    model.compile(loss="mse", optimizer="nadam")
    _fit(ns, model)
    model.save("my_model_with_a_custom_layer.keras")
    loaded = tf.keras.models.load_model("my_model_with_a_custom_layer.keras",
                                        custom_objects={"MyDense": MyDense})
    np.testing.assert_array_equal(_predict(loaded, ns), _predict(model, ns))


def multi_layer_works(ns, state):  # A8.5
    layer = ns["MyMultiLayer"]()
    outputs = layer((tf.constant([2.]), tf.constant([4.])))
    assert [float(o[0]) for o in outputs] == [6.0, 8.0, 0.5]
    a, b = tf.keras.Input((2,)), tf.keras.Input((2,))
    symbolic = ns["MyMultiLayer"]()((a, b))
    model = tf.keras.Model(inputs=[a, b], outputs=list(symbolic))
    results = model.predict([np.ones((1, 2)), 2 * np.ones((1, 2))], verbose=0)
    assert len(results) == 3 and np.allclose(results[2], 0.5)


def gaussian_noise_training_flag(ns, state):  # A8.6
    layer, x = ns["MyGaussianNoise"](1.0), tf.ones((4, 5))
    np.testing.assert_array_equal(layer(x), x)
    np.testing.assert_array_equal(layer(x, training=False), x)
    assert not np.allclose(layer(x, training=True), x)


# ---- custom models (A9, A10) --------------------------------------------------------------

def residual_regressor_trains(ns, state):  # A9.2-A9.5, A5.7
    model = ns["ResidualRegressor"](1)
    model.compile(loss="mse", optimizer="nadam")
    history = _fit(ns, model, epochs=2, validation_split=0.1)
    assert set(history.history) == {"loss", "val_loss"}, history.history.keys()
    assert len(model.trainable_variables) == 12
    assert isinstance(model.evaluate(ns["X_test_scaled"], ns["y_test"], verbose=0), float)
    assert _predict(model, ns).shape == (100, 1)
    assert model.get_layer(index=0) is model.hidden1
    assert isinstance(model, tf.keras.layers.Layer)
    model.save_weights("my_residual_weights")
    fresh = ns["ResidualRegressor"](1)
    fresh(ns["X_test_scaled"][:1])
    fresh.load_weights("my_residual_weights")
    np.testing.assert_array_equal(_predict(fresh, ns), _predict(model, ns))
    try:
        model.save("my_residual_regressor.keras")
    except NotImplementedError as error:
        assert "ResidualRegressor" in str(error) and "get_config" in str(error), error
    else:
        raise AssertionError("saving a subclassed model without get_config should fail clearly")


def reconstructing_regressor_fit_log(ns, state):  # A10.1-A10.5: the book's training log
    tf.keras.utils.set_random_seed(42)
    model = ns["ReconstructingRegressor"](1)
    model.compile(loss="mse", optimizer="nadam")
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        history = model.fit(ns["X_train_scaled"], ns["y_train"], epochs=5)
    log = out.getvalue()
    book = state["block"].text
    assert re.match(progress_pattern(book), log, re.S), f"the book shows:\n{book}\ngot:\n{log}"
    for key in ("loss", "reconstruction_error"):
        values = history.history[key]
        assert len(values) == 5 and values[-1] < values[0], (key, values)
    n_losses = len(model.losses)
    model(ns["X_test_scaled"][:10])
    model(ns["X_test_scaled"][:10])
    assert len(model.losses) == n_losses == 1


def progress_pattern(book: str) -> str:
    """The book's epoch log as a regex: counts, times and metric values vary."""
    lines = []
    for line in book.strip().splitlines():
        if line.strip() == "[...]":
            lines.append(r"(.*\n)*")
            continue
        p = re.escape(line)
        p = p.replace(r"\[========\]", r"\[=+\]")
        p = re.sub(r"\\ \d+s\\ \d+us/step", r" \\d+m?s \\d+(us|ms|s)/step", p)
        p = re.sub(r"\d+\\\.\d{4}", r"\\d+\\.\\d{4}", p)
        lines.append(p + r"\n")
    return "".join(lines)
