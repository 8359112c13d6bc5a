"""Hendazh Desktop: the back-office application of the Hendazhmon home-services company."""

__version__ = "0.1.0"
