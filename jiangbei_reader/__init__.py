"""江北报 Reader: a desktop reader for the editions of 江北报."""

__version__ = "0.1.0"
