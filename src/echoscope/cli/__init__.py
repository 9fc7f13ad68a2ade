"""The ``echoscope`` command line: thin commands over library functions.

Exit codes: 0 everything stored (or the query ran); 2 some inputs failed (each is listed
in the summary and in the ``errors`` table); 1 usage or configuration error.
"""

from __future__ import annotations

import signal
import sys
import threading

import click

from ..errors import EchoscopeError
from . import analyze, classify, models, query, views  # noqa: F401 - they register their commands
from ._app import app, err

__all__ = ["app", "main"]


def _terminated(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # SIGTERM stops a run as Ctrl-C does: what is analysed is kept


def main(argv: list[str] | None = None) -> int:
    """Entry point: maps errors to exit codes (1 usage/config, 2 failed inputs)."""
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminated) if main_thread else None
    try:
        return _main(argv)
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous)


def _main(argv: list[str] | None) -> int:
    from ..ml.spacy_pipeline import keep_torch_out

    keep_torch_out()  # spaCy without torch here and in the workers this starts
    try:
        rc = app.main(args=argv, prog_name="echoscope", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.Abort:  # click's form of Ctrl-C (and of SIGTERM, see above)
        err.print("interrupted; what was analysed so far is stored")
        return 130
    except click.ClickException as exc:
        exc.show(file=sys.stderr)
        return 1
    except EchoscopeError as exc:
        err.print(f"error: {exc}", markup=False)
        return 1
    except KeyboardInterrupt:
        err.print("interrupted; what was analysed so far is stored")
        return 130
    except BrokenPipeError:
        return 0
    return rc if isinstance(rc, int) else 0


if __name__ == "__main__":
    sys.exit(main())
