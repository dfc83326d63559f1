"""`Worker`: runs a call in a daemon thread and hands back its result or its exception."""

import threading

WAIT = 5.0  # the longest a test waits for a worker that should finish
BLOCKED = 0.2  # how long a worker must stay unfinished to count as blocked


class Worker:
    """Calls `fn(*args)` in a daemon thread."""

    def __init__(self, fn, *args) -> None:
        self.result = None
        self.error = None
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(fn, args), daemon=True)
        self._thread.start()

    def _run(self, fn, args) -> None:
        try:
            self.result = fn(*args)
        except BaseException as exc:  # noqa: BLE001 - handed to the test by `get`
            self.error = exc
        finally:
            self._done.set()

    def blocked(self, wait: float = BLOCKED) -> bool:
        """True when the call has not finished after `wait` seconds."""
        return not self._done.wait(wait)

    def get(self, wait: float = WAIT):
        """The call's result (or its exception, raised here); fails if it is still blocked."""
        assert self._done.wait(wait), f"the worker is still blocked after {wait} s"
        self._thread.join(wait)
        if self.error is not None:
            raise self.error
        return self.result
