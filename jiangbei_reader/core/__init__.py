"""The Qt-free core: edition model, loader, jumps, rendering, search, importer."""
