"""Entry script of the frozen ``schrijfhulp`` executable (PyInstaller needs a script, not a function)."""

import sys

from desktop.__main__ import main

sys.exit(main())
