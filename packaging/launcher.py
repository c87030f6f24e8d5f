"""Entry point of the frozen app (PyInstaller): the same ``kquiz`` command as the pip install."""

import sys

from kquiz.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
