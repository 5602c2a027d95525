"""`python -m ucc_print` runs the command line."""

from .cli import run

run()
