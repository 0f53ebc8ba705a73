"""Entry point: ``boardapp`` (window) and ``boardapp COMMAND`` (headless, no Qt)."""
from __future__ import annotations

import time

#: perf_counter at process start-up, for ``--smoke`` timings (read by boardapp.app).
START = time.perf_counter()

import sys  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    from boardapp.cli.collector import finish_one_shot, is_headless, start_one_shot

    args = sys.argv[1:] if argv is None else argv
    headless = is_headless(args)
    if headless:  # before the command's heavy imports: see cli/collector.py
        start_one_shot()
    from boardapp.cli import main as cli_main

    code = cli_main(args)
    if headless:
        finish_one_shot()
    return code


if __name__ == "__main__":
    sys.exit(main())
