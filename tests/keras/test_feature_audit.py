"""Audit of issue #5: the points no other test covered, or covered only in part.

Tracking of variables and metrics held in containers (A9.1) and the caches behind it;
InputLayer and the adapted Normalization layer (B2); the built-in equivalents of the chapter's
custom functions (A6.2); which objects implement `call()` and which `__call__()` (A6.4);
`tf.add_n([main_loss] + model.losses)` (A12.3); `predict` after fit, save and load with
`custom_objects` (A5.1); every load entry point refusing a crafted config (C8); Functional
models built on the graph tracer's symbolic tensors (B1).
"""

import ast
import json
import pathlib

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.graph.symbolic import SymbolicTensor
from tensorlet.keras import layers

KERAS_DIR = pathlib.Path(tf.keras.__file__).parent
RNG = np.random.default_rng(5)
X = RNG.standard_normal((64, 8)).astype(np.float32)
Y = (X[:, :1] * 2.0 - X[:, 1:2]).astype(np.float32)


# --- A9.1: variables and metrics held in lists, tuples and dicts ----------------------------

class Holder(tf.keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.scales = [tf.Variable(2.0), tf.Variable(3.0, trainable=False)]
        self.pair = (tf.Variable(1.0),)
        self.table = {"shift": tf.Variable(0.5), "nested": [tf.Variable(4.0)]}
        self.means = [tf.keras.metrics.Mean(name="first")]
        self.sums = {"b": tf.keras.metrics.Sum(name="second")}

    def call(self, x):
        self.means[0].update_state(x)
        self.sums["b"].update_state(x)
        return x * self.scales[0] + self.table["shift"]


def test_a9_1_variables_and_metrics_in_containers_are_tracked():
    holder = Holder()
    holder(tf.ones((2, 3)))
    assert len(holder.weights) == 5
    assert len(holder.trainable_weights) == 4 and len(holder.non_trainable_weights) == 1
    assert holder.non_trainable_weights[0] is holder.scales[1]
    assert [m.name for m in holder.metrics] == ["first", "second"]

    class Outer(tf.keras.Model):
        def __init__(self):
            super().__init__()
            self.blocks = [Holder()]

        def call(self, x):
            return self.blocks[0](x)

    outer = Outer()
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(outer(tf.ones((2, 3))))
    inner = outer.blocks[0]
    assert outer.trainable_variables == [inner.scales[0], inner.pair[0], inner.table["shift"],
                                         inner.table["nested"][0]]
    grads = tape.gradient(loss, outer.trainable_variables)
    assert [g is not None for g in grads] == [True, False, True, False]  # the used ones
    assert [m.name for m in outer.metrics] == ["first", "second"]


def test_a9_1_tracking_follows_changes_made_after_the_weights_were_read():
    dense = layers.Dense(2)
    dense.build((None, 3))
    holder = tf.keras.layers.Layer()
    assert holder.weights == []
    holder.sub = dense  # a built layer assigned after `weights` was cached
    assert len(holder.weights) == 2
    holder.blocks = []
    assert len(holder.weights) == 2
    other = layers.Dense(1)
    other.build((None, 2))
    holder.blocks.append(other)  # appending to a tracked list
    assert len(holder.weights) == 4
    holder.extra = tf.Variable(1.0)
    assert len(holder.weights) == 5 and holder.weights[0] is holder.extra
    holder.blocks.pop()
    assert len(holder.weights) == 3
    holder.sub = None
    assert holder.weights == [holder.extra]
    holder.table = {}
    holder.table["x"] = other
    assert len(holder.trainable_weights) == 3


# --- B2: InputLayer and an adapted Normalization --------------------------------------------

def test_b2_input_layer_both_spellings_config_and_models(tmp_path):
    keras3 = layers.InputLayer(shape=(3,), name="features")
    keras2 = layers.InputLayer(input_shape=(3,), name="features2")
    for layer in (keras3, keras2):
        assert layer.built and layer.weights == []
        config = layer.get_config()
        assert config["batch_shape"] == (None, 3) and config["dtype"] == "float32"
        clone = layers.InputLayer.from_config(config)
        assert clone.get_config() == config
    written_by_keras_3_15 = {"batch_shape": [None, 3], "dtype": "float32", "sparse": False,
                             "ragged": False, "name": "input_layer", "optional": False}
    assert layers.InputLayer.from_config(written_by_keras_3_15).get_config() == {
        **written_by_keras_3_15, "batch_shape": (None, 3)}
    with pytest.raises(NotImplementedError, match="optional"):
        tf.keras.Input(shape=(3,), optional=True)
    fixed = layers.InputLayer(batch_shape=(4, 3), dtype="float64")
    assert fixed.get_config()["batch_shape"] == (4, 3)
    assert fixed.get_config()["dtype"] == "float64"
    model = tf.keras.Sequential([layers.InputLayer(shape=(8,)), layers.Dense(1)])
    assert model.built and [type(layer).__name__ for layer in model.layers] == ["Dense"]
    assert model.get_config()["layers"][0]["class_name"] == "InputLayer"
    expected = model(X).numpy()
    model.save(tmp_path / "with_input_layer.keras")
    loaded = tf.keras.models.load_model(tmp_path / "with_input_layer.keras")
    assert loaded(X).numpy().tobytes() == expected.tobytes()
    assert loaded.input_shape == (None, 8)
    model.compile(loss="mse", optimizer=tf.keras.optimizers.SGD(0.05))
    before = model.evaluate(X, Y, verbose=0)
    model.fit(X, Y, epochs=3, verbose=0)
    assert model.evaluate(X, Y, verbose=0) < before


def test_b2_adapted_normalization_statistics_survive_save_and_load(tmp_path):
    data = RNG.normal(5.0, 3.0, size=(50, 8)).astype(np.float32)
    norm = layers.Normalization()
    norm.adapt(data)
    model = tf.keras.Sequential([tf.keras.Input(shape=(8,)), norm, layers.Dense(1)])
    expected = model(data).numpy()
    np.testing.assert_allclose(norm(data).numpy().mean(axis=0), 0.0, atol=1e-5)
    model.save(tmp_path / "normalized")
    loaded = tf.keras.models.load_model(tmp_path / "normalized")
    np.testing.assert_array_equal(loaded.layers[0].mean.numpy(), norm.mean.numpy())
    assert loaded(data).numpy().tobytes() == expected.tobytes()


# --- A6.2 / A6.4 / A12.3 ---------------------------------------------------------------------

def test_a6_2_builtin_equivalents_of_the_custom_functions():
    x = tf.constant([[-2.0, 0.0, 3.0]])
    np.testing.assert_allclose(tf.keras.activations.softplus(x).numpy(),
                               tf.nn.softplus(x).numpy(), rtol=1e-6)
    np.testing.assert_allclose(tf.nn.softplus(x).numpy(), np.log1p(np.exp(x.numpy())),
                               rtol=1e-6)
    assert isinstance(tf.keras.initializers.glorot_normal(), tf.keras.initializers.GlorotNormal)
    assert isinstance(tf.keras.constraints.nonneg(), tf.keras.constraints.NonNeg)
    layer = layers.Dense(4, activation=tf.keras.activations.softplus,
                         kernel_initializer=tf.keras.initializers.GlorotNormal(seed=1),
                         kernel_regularizer=tf.keras.regularizers.l1(0.01),
                         kernel_constraint=tf.keras.constraints.nonneg())
    y = layer(x)
    np.testing.assert_allclose(
        y.numpy(), np.log1p(np.exp(x.numpy() @ layer.kernel.numpy() + layer.bias.numpy())),
        rtol=1e-5)
    np.testing.assert_allclose(float(layer.losses[0]),
                               0.01 * np.abs(layer.kernel.numpy()).sum(), rtol=1e-5)
    std = np.std(tf.keras.initializers.GlorotNormal(seed=2)((200, 300)).numpy())
    assert abs(std - np.sqrt(2 / 500)) < 0.005  # truncated normal of stddev sqrt(2/(in+out))
    optimizer = tf.keras.optimizers.SGD(1.0)
    optimizer.apply_gradients([(tf.ones((3, 4)) * 10.0, layer.kernel),
                               (tf.zeros(4), layer.bias)])
    assert float(tf.reduce_min(layer.kernel)) == 0.0  # nonneg applied after the step


def test_a6_4_losses_layers_models_implement_call_the_others_dunder_call():
    calls = []

    class MyLoss(tf.keras.losses.Loss):
        def call(self, y_true, y_pred):
            calls.append("loss.call")
            return tf.abs(y_true - y_pred)

    class MyLayer(tf.keras.layers.Layer):
        def call(self, x):
            calls.append("layer.call")
            return x * 2.0

    class MyModel(tf.keras.Model):
        def __init__(self):
            super().__init__()
            self.inner = MyLayer()

        def call(self, x):
            calls.append("model.call")
            return self.inner(x)

    class MyRegularizer(tf.keras.regularizers.Regularizer):
        def __call__(self, weights):
            calls.append("regularizer.__call__")
            return tf.reduce_sum(weights)

    class MyInitializer(tf.keras.initializers.Initializer):
        def __call__(self, shape, dtype=None):
            calls.append("initializer.__call__")
            return tf.ones(shape, dtype=dtype)

    class MyConstraint(tf.keras.constraints.Constraint):
        def __call__(self, w):
            calls.append("constraint.__call__")
            return tf.clip_by_value(w, 0.0, 0.5)

    # Loss.__call__ reduces what call() returns (default: sum over batch size).
    assert float(MyLoss()(tf.constant([[1.0], [3.0]]), tf.zeros((2, 1)))) == 2.0
    np.testing.assert_array_equal(MyModel()(tf.ones((1, 2))).numpy(), [[2.0, 2.0]])
    dense = layers.Dense(2, kernel_initializer=MyInitializer(),
                         kernel_regularizer=MyRegularizer(), kernel_constraint=MyConstraint())
    dense(tf.ones((1, 3)))
    assert float(dense.losses[0]) == 6.0
    tf.keras.optimizers.SGD(0.1).apply_gradients([(tf.zeros((3, 2)), dense.kernel)])
    np.testing.assert_array_equal(dense.kernel.numpy(), np.full((3, 2), 0.5, np.float32))
    assert calls == ["loss.call", "model.call", "layer.call", "initializer.__call__",
                     "regularizer.__call__", "constraint.__call__"]


def test_a12_3_add_n_sums_the_main_loss_and_the_regularization_losses():
    l2_reg = tf.keras.regularizers.l2(0.05)
    model = tf.keras.Sequential([
        layers.Dense(30, activation="relu", kernel_initializer="he_normal",
                     kernel_regularizer=l2_reg),
        layers.Dense(1, kernel_regularizer=l2_reg)])
    y_pred = model(X[:32], training=True)
    main_loss = tf.reduce_mean(tf.keras.losses.mean_squared_error(Y[:32], y_pred))
    loss = tf.add_n([main_loss] + model.losses)
    assert loss.shape == () and loss.dtype == tf.float32
    kernels = [model.layers[0].kernel.numpy(), model.layers[1].kernel.numpy()]
    expected = float(main_loss) + sum(0.05 * float(np.sum(k.astype(np.float64) ** 2))
                                      for k in kernels)
    np.testing.assert_allclose(float(loss), expected, rtol=1e-5)
    with pytest.raises(Exception, match="AddN|shape"):
        tf.add_n([tf.ones(2), tf.ones(3)])


# --- A5.1: predict is bit-identical and the loss comes back by name -------------------------

def huber_fn(y_true, y_pred):
    error = y_true - y_pred
    is_small_error = tf.abs(error) < 1
    squared_loss = tf.square(error) / 2
    linear_loss = tf.abs(error) - 0.5
    return tf.where(is_small_error, squared_loss, linear_loss)


def test_a5_1_predict_after_fit_save_and_load_with_custom_objects(tmp_path):
    tf.keras.utils.set_random_seed(42)
    model = tf.keras.Sequential([
        layers.Dense(30, activation="relu", kernel_initializer="he_normal"),
        layers.Dense(1)])
    model.compile(loss=huber_fn, optimizer="nadam")
    model.fit(X, Y, epochs=2, verbose=0)
    expected = model.predict(X, verbose=0)
    path = tmp_path / "my_model_with_a_custom_loss"
    model.save(path)  # the book's extension-less path (D1)
    assert path.is_dir()
    with pytest.raises(TypeError, match="Could not locate function 'huber_fn'"):
        tf.keras.models.load_model(path)
    loaded = tf.keras.models.load_model(path, custom_objects={"huber_fn": huber_fn})
    got = loaded.predict(X, verbose=0)
    assert got.dtype == expected.dtype and got.tobytes() == expected.tobytes()
    assert loaded.loss is huber_fn
    assert int(loaded.optimizer.iterations.numpy()) == int(model.optimizer.iterations.numpy())
    assert loaded.evaluate(X, Y, verbose=0) == pytest.approx(
        model.evaluate(X, Y, verbose=0), rel=1e-6)
    loaded.fit(X, Y, epochs=1, verbose=0)  # the restored compile state trains
    assert not np.array_equal(loaded.predict(X, verbose=0), expected)


# --- C8: every load entry point --------------------------------------------------------------

def _hostile_layer(sentinel):
    return {"module": "os", "class_name": "system",
            "config": {"command": f"touch {sentinel}"}, "registered_name": None}


def _sequential_config(hostile):
    model = tf.keras.Sequential([tf.keras.Input(shape=(3,)), layers.Dense(2)])
    config = json.loads(json.dumps(model.get_config()))
    config["layers"].append(hostile)
    return config


def test_c8_crafted_layer_is_refused_by_every_config_entry_point(tmp_path):
    sentinel = tmp_path / "pwned"
    hostile = _hostile_layer(sentinel)
    config = _sequential_config(hostile)
    attempts = [
        lambda: tf.keras.Sequential.from_config(config),
        lambda: tf.keras.models.model_from_json(json.dumps(
            {"module": "keras", "class_name": "Sequential", "config": config})),
        lambda: tf.keras.saving.deserialize_keras_object(hostile),
        lambda: tf.keras.layers.deserialize(hostile),
        lambda: tf.keras.models.model_from_json(json.dumps(hostile)),
    ]
    inputs = tf.keras.Input(shape=(3,))
    functional = tf.keras.Model(inputs, layers.Dense(2)(inputs))
    fconfig = json.loads(json.dumps(functional.get_config()))
    assert type(tf.keras.Model.from_config(fconfig)).__name__ == "Functional"
    fconfig["layers"][1].update(hostile)
    attempts.append(lambda: tf.keras.Model.from_config(fconfig))
    for attempt in attempts:
        with pytest.raises(TypeError, match="Could not locate class 'system'"):
            attempt()
    assert not sentinel.exists()


def test_c8_lambda_is_refused_by_model_from_json_and_an_h5_named_file(tmp_path):
    model = tf.keras.Sequential([tf.keras.Input(shape=(2,)),
                                 layers.Lambda(lambda x: x * 2.0)])
    with pytest.raises(ValueError, match="safe_mode"):
        tf.keras.models.model_from_json(model.to_json())
    path = tmp_path / "model.h5"  # CVE-2025-9905: Keras's .h5 path ignored safe_mode
    model.save(path)
    with pytest.raises(ValueError, match="safe_mode"):
        tf.keras.models.load_model(path)
    loaded = tf.keras.models.load_model(path, safe_mode=False)
    np.testing.assert_array_equal(loaded(np.ones((1, 2))).numpy(), [[2.0, 2.0]])


def _static_facts(path):
    tree = ast.parse(path.read_text())
    imported, calls = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            calls.add(node.func.id)
    return imported, calls


def test_c8_no_keras_module_imports_pickle_or_marshal_and_only_the_opt_in_one_evals():
    modules = sorted(KERAS_DIR.rglob("*.py"))
    assert len(modules) > 100
    evaluating = []
    for path in modules:
        imported, calls = _static_facts(path)
        assert not imported & {"pickle", "marshal", "shelve", "dill", "cloudpickle", "joblib"}, \
            path
        if calls & {"eval", "exec", "compile", "__import__"}:
            evaluating.append(path.relative_to(KERAS_DIR).as_posix())
    assert evaluating == ["saving/unsafe_lambda.py"]
    source = "".join(p.read_text() for p in modules)
    assert source.count("allow_pickle=True") == 0


# --- B1: the Functional API is built on the graph tracer --------------------------------------

def test_b1_keras_tensors_are_the_tracers_symbolic_tensors():
    inputs = tf.keras.Input(shape=(4,))
    hidden = layers.Dense(3, activation="relu")(inputs)
    assert isinstance(inputs, SymbolicTensor) and isinstance(hidden, SymbolicTensor)
    assert hidden.shape == (None, 3) and hidden.dtype == tf.float32
    seen = []
    traced = tf.function(lambda x: seen.append(type(x)) or x)
    traced.get_concrete_function(tf.TensorSpec((None, 4), tf.float32))
    assert issubclass(type(inputs), seen[0])  # one symbolic tensor type for both


def test_b1_layers_serialize_and_deserialize():
    config = tf.keras.layers.serialize(layers.Dense(3, activation="relu", name="d"))
    assert config["class_name"] == "Dense" and config["module"] == "keras.layers"
    clone = tf.keras.layers.deserialize(json.loads(json.dumps(config)))
    assert isinstance(clone, layers.Dense) and clone.units == 3 and clone.name == "d"


# --- C7: one loading flavour ------------------------------------------------------------------

def test_c7_saved_model_load_of_a_keras_save_gives_the_full_keras_model(tmp_path):
    model = tf.keras.Sequential([tf.keras.Input(shape=(8,)), layers.Dense(1)])
    model.save(tmp_path / "keras_model")
    loaded = tf.saved_model.load(str(tmp_path / "keras_model"))
    assert isinstance(loaded, tf.keras.Model)
    np.testing.assert_array_equal(loaded.predict(X, verbose=0), model.predict(X, verbose=0))


def test_c7_load_model_of_a_saved_model_gives_the_full_keras_model(tmp_path):
    model = tf.keras.Sequential([tf.keras.Input(shape=(8,)), layers.Dense(1)])
    tf.saved_model.save(model, str(tmp_path / "saved_model"))
    loaded = tf.keras.models.load_model(tmp_path / "saved_model")
    assert isinstance(loaded, tf.keras.Model)
    np.testing.assert_array_equal(loaded.predict(X, verbose=0), model.predict(X, verbose=0))


def test_c7_saved_model_load_of_a_keras_zip_gives_the_full_keras_model(tmp_path):
    model = tf.keras.Sequential([tf.keras.Input(shape=(8,)), layers.Dense(1)])
    model.save(tmp_path / "model.keras")
    loaded = tf.saved_model.load(str(tmp_path / "model.keras"))
    assert isinstance(loaded, tf.keras.Model)
    np.testing.assert_array_equal(loaded.predict(X, verbose=0), model.predict(X, verbose=0))


def test_c7_load_model_of_a_graph_only_saved_model_says_to_use_saved_model_load(tmp_path):
    f = tf.function(lambda x: x * 2.0, input_signature=[tf.TensorSpec([None])])
    tf.saved_model.save(f, str(tmp_path / "graph"))
    with pytest.raises(ValueError, match=r"holds only a graph.*tf\.saved_model\.load"):
        tf.keras.models.load_model(tmp_path / "graph")


def test_c7_resaving_a_function_over_a_keras_export_drops_the_stale_keras_save(tmp_path):
    model = tf.keras.Sequential([tf.keras.Input(shape=(8,)), layers.Dense(1)])
    tf.saved_model.save(model, str(tmp_path / "sm"))
    assert (tmp_path / "sm" / "keras" / "manifest.json").is_file()
    f = tf.function(lambda x: x + 1.0, input_signature=[tf.TensorSpec([None])])
    tf.saved_model.save(f, str(tmp_path / "sm"))
    with pytest.raises(ValueError, match="holds only a graph"):
        tf.keras.models.load_model(tmp_path / "sm")
