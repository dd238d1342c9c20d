"""`python -m macros`: the command line (macros/cli/commands.py)."""

from __future__ import annotations

import sys

from .cli.commands import main

sys.exit(main())
