"""Run the guide's command-line tool: ``python -m guidekit --help``."""

import sys

from guidekit.cli import main

sys.exit(main())
