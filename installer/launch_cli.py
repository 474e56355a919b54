"""Entry script of the frozen ``schrijfhulp-cli`` executable (PyInstaller needs a script, not a function)."""

import sys

from desktop.cli import main

sys.exit(main())
