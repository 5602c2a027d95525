"""`python -m ucc_print` runs the command line."""

from .cli import run

if __name__ == "__main__":  # not again in a worker process started by spawning (Windows, macOS)
    run()
