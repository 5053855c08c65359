"""Ctrl-C in ``validate`` and ``codemod``: exit 130 with one line, as a shell reports an interrupted command.

Without this, click turns ``KeyboardInterrupt`` into "Aborted!" and exit status 1, which a CI gate or a
script cannot tell from "findings".
"""

from __future__ import annotations

import functools
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import NoReturn, ParamSpec, TypeVar

import click

#: The exit status of a command stopped by Ctrl-C (128 + SIGINT), as shells report it.
INTERRUPTED = 130

_P = ParamSpec("_P")
_R = TypeVar("_R")


@contextmanager
def ctrl_c_ignored() -> Iterator[None]:
    """Ctrl-C does nothing inside the block (printing results already decided); the previous handler
    comes back after it, unless the block ends in :func:`exit_interrupted`."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread receives signals
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    keep_ignoring = False
    try:
        yield
    except SystemExit as leaving:
        keep_ignoring = leaving.code == INTERRUPTED
        raise
    finally:
        if not keep_ignoring:
            signal.signal(signal.SIGINT, previous)


def exit_interrupted(*lines: str) -> NoReturn:
    """Print *lines* on stderr and exit 130.

    Ctrl-C stays ignored from here on: pressed again while the command unwinds or Python shuts down, it
    would surface as click's "Aborted!" (exit 1) or an "Exception ignored" traceback. (An in-process
    caller such as a test runner keeps it ignored too.)
    """
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    for line in lines:
        click.echo(line, err=True)
    raise SystemExit(INTERRUPTED)


def exit_130_on_ctrl_c(message: str) -> Callable[[Callable[_P, _R]], Callable[_P, _R]]:
    """Make a command end on Ctrl-C with ``interrupted: <message>`` on stderr and exit status 130."""

    def decorate(command: Callable[_P, _R]) -> Callable[_P, _R]:
        @functools.wraps(command)
        def guarded(*args: _P.args, **kwargs: _P.kwargs) -> _R:
            try:
                return command(*args, **kwargs)
            except KeyboardInterrupt:
                exit_interrupted(f"interrupted: {message}")

        return guarded

    return decorate
