"""Every queue test is bounded in time, whatever pytest plugins are installed.

A `threading.Timer` watches each test: past `TIME_BOUND` seconds it closes every queue the test
created (cancelling pending enqueues), which wakes any thread blocked on them, and the test
fails. Worker threads are daemons, and each test closes its queues when it ends, so no thread
outlives its test blocked.
"""

import threading

import pytest

from tensorlet.queue.queue_base import QueueBase

TIME_BOUND = 20.0


@pytest.fixture(autouse=True)
def bounded_time(monkeypatch):
    created = []
    original = QueueBase.__init__

    def recording_init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        created.append(self)

    monkeypatch.setattr(QueueBase, "__init__", recording_init)
    expired = threading.Event()

    def expire():
        expired.set()
        for q in list(created):
            q.close(cancel_pending_enqueues=True)

    timer = threading.Timer(TIME_BOUND, expire)
    timer.daemon = True
    timer.start()
    yield
    timer.cancel()
    for q in created:
        q.close(cancel_pending_enqueues=True)
    if expired.is_set():
        pytest.fail(f"the test ran past its {TIME_BOUND:.0f} s bound: its queues were closed "
                    f"to unblock it")
