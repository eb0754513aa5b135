"""The task runner: work on a worker thread, in order; callbacks on the GUI thread."""

from __future__ import annotations

import logging
import threading
import time

import pytest

from fluxion_desktop.domain.errors import NotFound
from fluxion_desktop.ui.task_runner import SynchronousTaskRunner, ThreadPoolTaskRunner


@pytest.fixture
def pool_runner(qtbot):
    runner = ThreadPoolTaskRunner()
    yield runner
    runner.shutdown()


def test_work_runs_on_a_worker_and_the_callback_on_the_gui_thread(qtbot, pool_runner):
    gui = threading.get_ident()
    seen: dict[str, int] = {}

    def work() -> int:
        seen["work"] = threading.get_ident()
        return 42

    results: list[int] = []
    pool_runner.run(work).on_success(
        lambda value: (results.append(value), seen.setdefault("callback", threading.get_ident()))
    )

    qtbot.waitUntil(lambda: results == [42], timeout=3000)
    assert seen["work"] != gui
    assert seen["callback"] == gui
    assert pool_runner.pending == 0


def test_tasks_run_one_at_a_time_in_the_order_they_were_asked_for(qtbot, pool_runner):
    order: list[int] = []
    done: list[int] = []
    for number in range(5):

        def work(n: int = number) -> int:
            time.sleep(0.01 * (5 - n))  # the first is the slowest: it must still finish first
            order.append(n)
            return n

        pool_runner.run(work).on_success(done.append)

    qtbot.waitUntil(lambda: len(done) == 5, timeout=5000)
    assert order == [0, 1, 2, 3, 4]
    assert done == [0, 1, 2, 3, 4]


def test_a_failure_reaches_on_failure_on_the_gui_thread(qtbot, pool_runner):
    def work() -> None:
        raise NotFound("no product has the code '1'", "code")

    errors: list[Exception] = []
    successes: list[object] = []
    pool_runner.run(work).on_success(successes.append).on_failure(errors.append)

    qtbot.waitUntil(lambda: len(errors) == 1, timeout=3000)
    assert isinstance(errors[0], NotFound) and errors[0].field == "code"
    assert successes == []


def test_a_failure_nobody_listens_to_is_logged(qtbot, pool_runner, caplog):
    def work() -> None:
        raise RuntimeError("disk on fire")

    with caplog.at_level(logging.ERROR):
        pool_runner.run(work)
        qtbot.waitUntil(lambda: pool_runner.pending == 0, timeout=3000)
    assert "background task failed" in caplog.text
    assert "disk on fire" in caplog.text


def test_the_synchronous_runner_has_the_same_api_and_lists_unhandled_failures():
    runner = SynchronousTaskRunner()
    results: list[int] = []
    runner.run(lambda: 2 + 2).on_success(results.append)
    errors: list[Exception] = []
    runner.run(lambda: 1 / 0).on_failure(errors.append)
    runner.run(lambda: [][1])

    assert results == [4]
    assert isinstance(errors[0], ZeroDivisionError)
    assert [type(e) for e in runner.unhandled_failures()] == [IndexError]
