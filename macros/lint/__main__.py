"""`python -m macros.lint`: run the catalog lint."""

import sys

from .cli import main

sys.exit(main())
