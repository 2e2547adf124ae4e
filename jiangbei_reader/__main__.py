"""`python -m jiangbei_reader` runs the reader (or one of its commands)."""

import sys

from jiangbei_reader.cli import main

sys.exit(main())
