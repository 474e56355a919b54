"""Schrijfhulp: an offline writing assistant for Dutch civil servants."""

__version__ = "0.1.0"
APP_NAME = "Schrijfhulp"
