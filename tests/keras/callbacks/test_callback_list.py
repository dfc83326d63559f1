"""Callback base, CallbackList, History and LambdaCallback (B5, B4: History)."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.keras import callbacks
from tensorlet.keras.callbacks.callback_list import python_logs

from ._loop import fit, make_data, make_model

ALL_HOOKS = ["on_train_begin", "on_train_end", "on_test_begin", "on_test_end",
             "on_predict_begin", "on_predict_end", "on_epoch_begin", "on_epoch_end",
             "on_train_batch_begin", "on_train_batch_end", "on_test_batch_begin",
             "on_test_batch_end", "on_predict_batch_begin", "on_predict_batch_end",
             "on_batch_begin", "on_batch_end"]


class Recorder(callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.calls = []

    def on_train_begin(self, logs=None):
        self.calls.append(("train_begin",))

    def on_epoch_begin(self, epoch, logs=None):
        self.calls.append(("epoch_begin", epoch))

    def on_train_batch_end(self, batch, logs=None):
        self.calls.append(("train_batch_end", batch, logs))

    def on_test_begin(self, logs=None):
        self.calls.append(("test_begin",))

    def on_epoch_end(self, epoch, logs=None):
        self.calls.append(("epoch_end", epoch, dict(logs)))

    def on_train_end(self, logs=None):
        self.calls.append(("train_end",))


def test_b5_callback_base_has_every_hook_and_they_do_nothing():
    callback = callbacks.Callback()
    assert callback.model is None and callback.params is None
    for hook in ALL_HOOKS:
        method = getattr(callback, hook)
        if "batch" in hook:
            assert method(0, logs={"loss": 1.0}) is None
        elif hook.startswith("on_epoch"):
            assert method(0, {"loss": 1.0}) is None
        else:
            assert method({"loss": 1.0}) is None
    callback.set_params({"epochs": 2})
    callback.set_model("m")
    assert callback.params == {"epochs": 2} and callback.model == "m"


def test_b5_train_batch_hooks_fall_back_to_keras2_batch_hooks():
    seen = []

    class Keras2Style(callbacks.Callback):
        def on_batch_begin(self, batch, logs=None):
            seen.append(("begin", batch))

        def on_batch_end(self, batch, logs=None):
            seen.append(("end", batch, logs["loss"]))

    callback_list = callbacks.CallbackList([Keras2Style()])
    assert callback_list.has_hook("on_train_batch_end")
    callback_list.on_train_batch_begin(0)
    callback_list.on_train_batch_end(0, {"loss": np.float32(0.5)})
    assert seen == [("begin", 0), ("end", 0, 0.5)]


def test_b5_hooks_are_called_in_fit_order_with_epoch_logs():
    recorder = Recorder()
    x, y = make_data(16)
    history = fit(make_model(), x, y, epochs=2, batch_size=8, callbacks=[recorder],
                  validation_data=(x, y))
    names = [call[0] for call in recorder.calls]
    assert names == ["train_begin", "epoch_begin", "train_batch_end", "train_batch_end",
                     "test_begin", "epoch_end", "epoch_begin", "train_batch_end",
                     "train_batch_end", "test_begin", "epoch_end", "train_end"]
    epoch_end = recorder.calls[5]
    assert epoch_end[1] == 0 and set(epoch_end[2]) == {"loss", "val_loss"}
    # per-batch logs reach callbacks as Python floats, not tensors
    assert isinstance(recorder.calls[2][2]["loss"], float)
    assert history.history["loss"][0] == epoch_end[2]["loss"]


def test_b4_history_records_history_params_and_epochs():
    x, y = make_data(16)
    model = make_model()
    history = fit(model, x, y, epochs=3, batch_size=8)
    assert isinstance(history, callbacks.History)
    assert history.epoch == [0, 1, 2]
    assert history.params == {"verbose": 0, "epochs": 3, "steps": 2}
    assert list(history.history) == ["loss"] and len(history.history["loss"]) == 3
    assert model.history is history
    assert history.history["loss"][-1] < history.history["loss"][0]


def test_callback_list_adds_history_and_progbar_once():
    own_history = callbacks.History()
    callback_list = callbacks.CallbackList([own_history], add_history=True, add_progbar=True,
                                           verbose=1, epochs=1, steps=1)
    assert callback_list.history is own_history
    kinds = [type(c).__name__ for c in callback_list.callbacks]
    assert kinds == ["History", "ProgbarLogger"]
    assert callbacks.CallbackList(add_history=False).history is None


def test_callback_list_flattens_nested_lists_and_sets_model_and_params():
    a, b, c = Recorder(), Recorder(), Recorder()
    model = make_model()
    callback_list = callbacks.CallbackList([a, [b, (c,)]], model=model, epochs=3, steps=None,
                                           verbose=0)
    assert callback_list.callbacks == [a, b, c]
    assert all(cb.model is model for cb in (a, b, c))
    assert all(cb.params == {"epochs": 3, "steps": None, "verbose": 0} for cb in (a, b, c))


def test_callback_list_skips_batch_hooks_nobody_overrides():
    class EpochOnly(callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            pass

    callback_list = callbacks.CallbackList([EpochOnly()], add_history=True)
    for hook in ("on_train_batch_begin", "on_train_batch_end", "on_test_batch_end",
                 "on_predict_batch_end"):
        assert not callback_list.has_hook(hook)
    assert callback_list.has_hook("on_epoch_end")
    # a skipped hook does not even look at its logs
    callback_list.on_train_batch_end(0, {"loss": object()})
    callback_list.append(callbacks.LambdaCallback(on_predict_batch_end=lambda b, logs: None))
    assert callback_list.has_hook("on_predict_batch_end")


def test_callback_list_gives_each_hook_a_fresh_float_dict():
    class AddsKey(callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            logs["learning_rate"] = 0.01

    history = callbacks.History()
    callback_list = callbacks.CallbackList([AddsKey(), history])
    callback_list.on_train_begin()
    trainer_logs = {"loss": tf.constant(0.5)}
    callback_list.on_epoch_end(0, trainer_logs)
    assert history.history == {"loss": [0.5], "learning_rate": [0.01]}
    assert list(trainer_logs) == ["loss"]


def test_python_logs_flattens_and_converts():
    logs = python_logs({"loss": tf.constant(0.25), "outputs": {"acc": np.int64(1)},
                        "name": "run", "vector": np.array([1.0, 2.0])})
    assert logs["loss"] == 0.25 and type(logs["loss"]) is float
    assert logs["acc"] == 1.0 and type(logs["acc"]) is float
    assert logs["name"] == "run"
    np.testing.assert_array_equal(logs["vector"], [1.0, 2.0])
    assert python_logs(None) == {}


def test_b5_lambda_callback_calls_given_functions_in_order():
    events = []
    callback = callbacks.LambdaCallback(
        on_train_begin=lambda logs: events.append("train_begin"),
        on_epoch_begin=lambda epoch, logs: events.append(f"epoch_begin {epoch}"),
        on_train_batch_begin=lambda batch, logs: events.append(f"batch_begin {batch}"),
        on_train_batch_end=lambda batch, logs: events.append(f"batch_end {batch}"),
        on_epoch_end=lambda epoch, logs: events.append(f"epoch_end {epoch} {logs['loss']:.0f}"),
        on_train_end=lambda logs: events.append("train_end"),
        on_test_begin=lambda logs: events.append("test_begin"))
    x, y = make_data(16)
    fit(make_model(), x, y, epochs=2, batch_size=8, callbacks=[callback],
        validation_data=(x[:8], y[:8]))
    assert events[:6] == ["train_begin", "epoch_begin 0", "batch_begin 0", "batch_end 0",
                          "batch_begin 1", "batch_end 1"]
    assert events[6] == "test_begin" and events[7].startswith("epoch_end 0 ")
    assert events[8] == "epoch_begin 1" and events[-1] == "train_end"
    assert len(events) == 1 + 2 * 7 + 1


def test_lambda_callback_keras2_batch_hook_and_defaults():
    ends = []
    callback = callbacks.LambdaCallback(on_batch_end=lambda batch, logs: ends.append(batch))
    callback_list = callbacks.CallbackList([callback])
    assert callback_list.has_hook("on_train_batch_end")
    assert not callback_list.has_hook("on_epoch_end")
    callback_list.on_train_batch_end(4, {})
    assert ends == [4]


@pytest.mark.parametrize("hook", ["on_epoch_end", "on_train_begin"])
def test_subclass_hooks_are_not_default(hook):
    class Custom(callbacks.Callback):
        pass

    setattr(Custom, hook, lambda self, *args, **kwargs: None)
    assert callbacks.CallbackList([Custom()]).has_hook(hook)
    assert not callbacks.CallbackList([callbacks.Callback()]).has_hook(hook)


@pytest.mark.parametrize("verbose, steps, expected", [(1, 10, True), (2, 10, False),
                                                      (2, None, True), (0, 3, False)])
def test_progbar_logger_needs_batch_hooks_only_to_redraw_or_count(verbose, steps, expected):
    callback_list = callbacks.CallbackList(add_progbar=True, verbose=verbose, epochs=2,
                                           steps=steps)
    assert callback_list.has_hook("on_train_batch_end") is expected
    assert callback_list.has_hook("on_test_batch_end") is expected
    assert callback_list.has_hook("on_epoch_end")


@pytest.mark.parametrize("kwargs, expected", [({}, False), ({"update_freq": "batch"}, True),
                                              ({"update_freq": 5}, True),
                                              ({"write_steps_per_second": True}, True)])
def test_tensorboard_needs_batch_hooks_only_for_batch_summaries(tmp_path, kwargs, expected):
    board = callbacks.TensorBoard(tmp_path, **kwargs)
    callback_list = callbacks.CallbackList([board])
    assert callback_list.has_hook("on_train_batch_begin") is expected
    assert callback_list.has_hook("on_train_batch_end") is expected
