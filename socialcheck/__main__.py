"""`python -m socialcheck`: the same command line as the `socialcheck` script."""

from .cli import run

run()
