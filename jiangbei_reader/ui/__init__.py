"""The Qt layer: window, item models, views and actions over the Qt-free core."""

from jiangbei_reader.ui.pyside_fixes import protect_singletons

# Before any widget exists: with the PySide6 6.12 / Python 3.11 pair, every Qt
# call from Python would otherwise bring the interpreter closer to an abort.
protect_singletons()
