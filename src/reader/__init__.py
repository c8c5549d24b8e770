"""Reader: an offline reading-and-annotation application for people who read news for a living."""

__version__ = "0.1.0"
