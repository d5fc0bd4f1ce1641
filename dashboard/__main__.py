"""`python -m dashboard validate [DIR]`: check a data directory without starting the app."""

import sys

from core.cli import main

sys.exit(main())
