"""Progress reporting for long work: rich bars in the CLI, nothing in library calls and tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from rich.console import Console
from rich.progress import (
    BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn,
)


class ProgressTask(Protocol):
    def advance(self, amount: int = 1) -> None: ...
    def done(self) -> None: ...


class ProgressReporter(Protocol):
    def task(self, description: str, *, total: int | None) -> ProgressTask: ...


class _NullTask:
    def advance(self, amount: int = 1) -> None:
        pass

    def done(self) -> None:
        pass


class _NullProgress:
    def task(self, description: str, *, total: int | None) -> ProgressTask:
        return _NullTask()


null_progress: ProgressReporter = _NullProgress()


class _RichTask:
    def __init__(self, progress: Progress, description: str, total: int | None) -> None:
        self._progress = progress
        self._id = progress.add_task(description, total=total)

    def advance(self, amount: int = 1) -> None:
        self._progress.advance(self._id, amount)

    def done(self) -> None:
        task = self._progress.tasks[self._id]
        self._progress.update(self._id, total=task.completed)


class _RichProgress:
    def __init__(self, progress: Progress) -> None:
        self._progress = progress

    def task(self, description: str, *, total: int | None) -> ProgressTask:
        return _RichTask(self._progress, description, total)


@contextmanager
def rich_progress(console: Console) -> Iterator[ProgressReporter]:
    """A live progress display on ``console`` (stderr in the CLI) for the duration of the block."""
    columns = (SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(),
               MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=False) as progress:
        yield _RichProgress(progress)
