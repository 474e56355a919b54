"""The PySide6 layer of Schrijfhulp: widgets, models and signals over desktop.core."""
