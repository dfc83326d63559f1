"""Trains the test model with BackupAndRestore; the process kills itself at a chosen batch.

Usage: python -m tests.keras.callbacks._backup_script OUT BACKUP_DIR SAVE_FREQ [KILL_EPOCH
KILL_BATCH]. Writes the final weights and the epochs this run trained to OUT (an .npz).
"""

import os
import signal
import sys

import numpy as np

from tensorlet.keras import callbacks

from ._loop import fit, make_data, make_model


class KillAt(callbacks.Callback):
    def __init__(self, epoch, batch):
        super().__init__()
        self.at = (epoch, batch)
        self.epoch = None

    def on_epoch_begin(self, epoch, logs=None):
        self.epoch = epoch

    def on_train_batch_end(self, batch, logs=None):
        if (self.epoch, batch) == self.at:
            os.kill(os.getpid(), signal.SIGKILL)


def main(argv):
    out, backup_dir, save_freq = argv[:3]
    save_freq = save_freq if save_freq == "epoch" else int(save_freq)
    extra = [KillAt(int(argv[3]), int(argv[4]))] if len(argv) > 3 else []
    used = [] if backup_dir == "-" else [callbacks.BackupAndRestore(backup_dir, save_freq)]
    x, y = make_data(24)
    model = make_model()
    history = fit(model, x, y, epochs=4, batch_size=8, callbacks=used + extra)
    weights = {f"arr_{i}": w for i, w in enumerate(model.get_weights())}
    np.savez(out, epochs=np.array(history.epoch), **weights)


if __name__ == "__main__":
    main(sys.argv[1:])
