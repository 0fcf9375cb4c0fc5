"""The bundle's program: what the `kiosk` console script runs in a source checkout."""

import sys

from kiosk.cli import main

if __name__ == "__main__":
    sys.exit(main())
