"""Run the reader from a checkout: `python main.py [--editions DIR] ...`."""

import sys

from jiangbei_reader.cli import main

if __name__ == "__main__":
    sys.exit(main())
