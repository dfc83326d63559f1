"""The progress bar (A10.5) and ProgbarLogger: Keras 2's line, in place on a terminal."""

import io
import sys

import pytest

from tensorlet.keras import callbacks
from tensorlet.keras.utils import progbar as progbar_module
from tensorlet.keras.utils.progbar import Progbar, format_duration, format_value

from ._loop import fit, make_data, make_model

BOOK_LINE = ("363/363 [==============================] - 1s 820us/step - loss: 0.7640 - "
             "reconstruction_error: 1.2728")


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def time(self):
        return self.now

    def perf_counter(self):
        return self.now


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.fixture
def clock(monkeypatch):
    fake = FakeClock()
    monkeypatch.setattr(progbar_module, "time", fake)
    return fake


def _book_epoch(clock, bar):
    """363 steps: the first one takes 0.3 s (tracing), the others 820 us each (A10.5)."""
    for step in range(1, 364):
        clock.now = 0.3 + (step - 1) * 0.00082
        bar.update(step, [("loss", 0.7640), ("reconstruction_error", 1.2728)])


def test_a10_5_one_line_per_epoch_when_not_a_terminal(clock, capsys):
    bar = Progbar(363)
    _book_epoch(clock, bar)
    assert capsys.readouterr().out == BOOK_LINE + "\n"


def test_a10_5_redraws_in_place_on_a_terminal(clock, monkeypatch):
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    bar = Progbar(363)
    _book_epoch(clock, bar)
    out = terminal.getvalue()
    frames = out.split("\r")[1:]
    metrics = " - loss: 0.7640 - reconstruction_error: 1.2728"
    assert frames[0] == "  1/363 [..............................] - ETA: 1:48" + metrics
    # redraws are throttled to one per `interval` (0.05 s): 61 steps of 820 us
    assert [f[:3] for f in frames] == ["  1", " 62", "123", "184", "245", "306", "363"]
    # a shorter line is padded with spaces to erase the end of the previous one
    assert frames[1] == " 62/363 [====>.........................] - ETA: 0s" + metrics + "  "
    assert frames[3] == "184/363 [==============>...............] - ETA: 0s" + metrics
    assert frames[-1] == BOOK_LINE + "\n"
    assert out.count("\n") == 1


def test_a10_5_verbose_2_prints_one_summary_line(clock, capsys):
    bar = Progbar(363, verbose=2)
    _book_epoch(clock, bar)
    assert capsys.readouterr().out == ("363/363 - 1s - loss: 0.7640 - reconstruction_error: "
                                       "1.2728 - 597ms/epoch - 2ms/step\n")


def test_progbar_unknown_target_and_verbose_0(clock, capsys):
    bar = Progbar(None)
    clock.now = 2.0
    bar.update(5, [("loss", 0.00012345)], finalize=True)
    assert capsys.readouterr().out == "      5/Unknown - 2s 400ms/step - loss: 1.2345e-04\n"
    silent = Progbar(3, verbose=0)
    silent.update(3, [("loss", 1.0)])
    assert capsys.readouterr().out == ""


def test_progbar_eta_formats(clock, monkeypatch):
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    bar = Progbar(10000, interval=0)
    clock.now = 2.0
    bar.update(1)  # the first step takes 2 s: 9999 x 2 s left
    clock.now = 3.0
    bar.update(2)  # then 1 s per step: 9998 s left
    clock.now = 3.5
    bar.update(9930)  # 1.5 s / 9929 steps: 0.15 ms per step, 70 steps left
    assert "- ETA: 5:33:18" in terminal.getvalue().split("\r")[1]
    assert "- ETA: 2:46:38" in terminal.getvalue().split("\r")[2]
    assert "- ETA: 0s" in terminal.getvalue().split("\r")[3]
    bar = Progbar(200, interval=0)
    clock.now, bar._start = 10.0, 9.0
    bar.update(1)
    assert "- ETA: 3:19" in terminal.getvalue().split("\r")[-1]


@pytest.mark.parametrize("seconds, expected", [(0, "0s/step"), (2.4, "2s/step"),
                                               (0.5, "500ms/step"), (0.0015, "2ms/step"),
                                               (0.0005, "500us/step"), (8.2e-4, "820us/step")])
def test_format_duration_matches_keras_units(seconds, expected):
    assert format_duration(seconds, "step") == expected


@pytest.mark.parametrize("value, expected", [(0.764, "0.7640"), (-12.5, "-12.5000"),
                                             (0.001, "1.0000e-03"), (0.0, "0.0000e+00"),
                                             (1234.56789, "1234.5679"), ("text", "text")])
def test_format_value_four_decimals_or_scientific(value, expected):
    assert format_value(value) == expected


def test_format_value_shows_a_scalar_tensor_as_a_number():
    import tensorlet as tf

    assert format_value(tf.constant(1.3025018)) == "1.3025"
    assert format_value(tf.Variable(2.0)) == "2.0000"


def test_keras_averaging_of_values_over_steps(clock, capsys):
    # Keras 3.15 prints `loss: 0.2929` for these updates (the mean of 1/i).
    bar = Progbar(10, verbose=2)
    for i in range(1, 11):
        bar.update(i, [("loss", 1 / i)], finalize=False)
    bar.update(10, finalize=True)
    assert " - loss: 0.2929 - " in capsys.readouterr().out


def test_values_are_averaged_unless_named_in_stateful_metrics(clock, capsys):
    bar = Progbar(4, verbose=2, stateful_metrics=["loss"])
    bar.update(1, [("batch_loss", 1.0), ("loss", 1.0)])
    bar.update(4, [("batch_loss", 3.0), ("loss", 3.0)])
    assert " - batch_loss: 2.5000 - loss: 3.0000 - " in capsys.readouterr().out


# --- ProgbarLogger in a training loop -----------------------------------------------------


def test_a10_5_fit_verbose_1_prints_epoch_lines_and_bars(capsys):
    x, y = make_data(16)
    fit(make_model(), x, y, epochs=2, batch_size=8, verbose=1, validation_data=(x, y))
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Epoch 1/2" and lines[2] == "Epoch 2/2" and len(lines) == 4
    for line in (lines[1], lines[3]):
        assert line.startswith("2/2 [==============================] - 0s ")
        assert "/step - loss: " in line and " - val_loss: " in line


def test_a10_5_fit_verbose_2_one_line_per_epoch(capsys):
    x, y = make_data(16)
    fit(make_model(), x, y, epochs=3, batch_size=8, verbose=2)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0::2] == ["Epoch 1/3", "Epoch 2/3", "Epoch 3/3"]
    assert all(line.startswith("2/2 - 0s - loss: ") and line.endswith("/step")
               for line in lines[1::2])


def test_single_epoch_fit_prints_no_epoch_header(capsys):
    x, y = make_data(8)
    fit(make_model(), x, y, epochs=1, batch_size=8, verbose=1)
    out = capsys.readouterr().out
    assert "Epoch" not in out and out.startswith("1/1 [====")


def test_progbar_logger_evaluate_and_predict_alone(capsys):
    logger = callbacks.ProgbarLogger()
    callback_list = callbacks.CallbackList([logger], verbose="auto", epochs=1, steps=2)
    callback_list.on_test_begin()
    callback_list.on_test_batch_end(0, {"loss": 1.0})
    callback_list.on_test_batch_end(1, {"loss": 0.5})
    callback_list.on_test_end({"loss": 0.5, "mae": 0.25})
    callback_list.on_predict_begin()
    callback_list.on_predict_batch_end(0, {"outputs": [[1.0]]})
    callback_list.on_predict_batch_end(1, {"outputs": [[1.0]]})
    callback_list.on_predict_end()
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("2/2 [==============================] - 0s ")
    assert lines[0].endswith("/step - loss: 0.5000 - mae: 0.2500")
    assert lines[1].startswith("2/2 [====") and lines[1].endswith("/step")


def test_progbar_logger_learns_an_unknown_number_of_steps(capsys):
    logger = callbacks.ProgbarLogger()
    callback_list = callbacks.CallbackList([logger], verbose=1, epochs=2, steps=None)
    callback_list.on_train_begin()
    for epoch in range(2):
        callback_list.on_epoch_begin(epoch)
        for step in range(3):
            callback_list.on_train_batch_end(step, {"loss": 1.0})
        callback_list.on_epoch_end(epoch, {"loss": 1.0})
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("3/3 [====") and lines[3].startswith("3/3 [====")
