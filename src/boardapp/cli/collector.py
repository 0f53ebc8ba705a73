"""How a headless command's process uses Python's cyclic garbage collector.

A command such as ``boardapp pack`` is one short run: it imports SQLAlchemy, SQLModel
and reportlab (some 100,000 objects that live until exit), reads the workspace, writes
its file and ends. With the default thresholds the collector walks those long-lived
objects again and again while they are being built, and once more, with everything
the run made, while the interpreter shuts down: measured on the demo pack, about a
quarter of the whole process's time (bench/bench_pack.py; the 5,000-action pack lost
more, as each walk grows with the heap).

So a headless run collects rarely (young objects after 50,000 net allocations rather
than 700: garbage cycles are still freed, so memory stays bounded) and, when the command
is done, moves what is left into the permanent generation, which the shutdown does not
walk. The window is left alone: it runs for hours and keeps Python's defaults.

Only the process entry (``boardapp.__main__``) applies this, never ``cli.main``, which
tests call in their own long-lived process.
"""
from __future__ import annotations

import gc
from collections.abc import Sequence

#: (young, middle, old) thresholds for a one-shot command; Python's defaults are (700, 10, 10).
ONE_SHOT_THRESHOLDS = (50_000, 20, 50)


def is_headless(argv: Sequence[str]) -> bool:
    """True when ``argv`` names a command (the command comes first), False for the window and its options."""
    return bool(argv) and not argv[0].startswith("-")


def start_one_shot() -> None:
    """Collect rarely for the rest of this short run."""
    gc.set_threshold(*ONE_SHOT_THRESHOLDS)


def finish_one_shot() -> None:
    """The command is done: spare the shutdown a walk over every object still alive.

    Files and connections are closed by the commands themselves (and the log by logging's
    own exit handler), so nothing waits on a collection to be flushed.
    """
    gc.freeze()
