"""The Qt layer: window, item models, views and actions over the Qt-free core."""
