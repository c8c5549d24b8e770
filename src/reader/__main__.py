"""`python -m reader`, and the entry point of the PyInstaller bundle (packaging/reader.spec)."""

import multiprocessing
import sys

if __name__ == "__main__":
    # In the bundle, the import's worker processes (and the fork server) are started by running
    # this same executable; freeze_support does their work and exits before anything else runs.
    # Outside a bundle it does nothing.
    multiprocessing.freeze_support()

    from reader.cli import main

    sys.exit(main())
