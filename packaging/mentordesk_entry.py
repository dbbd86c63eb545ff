"""The bundle's program: the same entry point as `mentordesk` from source (ui/__main__.py)."""

import sys

from ui.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
