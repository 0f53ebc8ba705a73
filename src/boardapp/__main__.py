"""Entry point: ``boardapp`` (window) and ``boardapp COMMAND`` (headless, no Qt)."""
from __future__ import annotations

import time

#: perf_counter at process start-up, for ``--smoke`` timings (read by boardapp.app).
START = time.perf_counter()

import sys  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    from boardapp.cli import main as cli_main

    return cli_main(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
