"""The standalone program's entry point: the `annotator` command (the window when run alone)."""

import sys

from annotator.cli import main

if __name__ == "__main__":
    sys.exit(main())
