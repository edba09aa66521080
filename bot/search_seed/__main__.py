"""`python -m bot.search_seed`: rewrite (or `--check`) the shipped seed vectors."""

from __future__ import annotations

import sys

from bot.search_seed.build import main

sys.exit(main())
