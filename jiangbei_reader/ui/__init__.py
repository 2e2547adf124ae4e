"""The Qt layer: window, item models, views and actions over the Qt-free core."""

import os

from jiangbei_reader.ui.pyside_fixes import protect_singletons, skip_feature_scan

# Before any widget exists: with the PySide6 6.12 / Python 3.11 pair, every Qt
# call from Python would otherwise bring the interpreter closer to an abort.
protect_singletons()
# Before the rest of the package is imported (the hook reads each module's source).
skip_feature_scan(os.path.dirname(os.path.dirname(__file__)), "jiangbei_reader")
