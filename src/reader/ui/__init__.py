"""The window: the only package that imports PySide6. It never talks SQL; it calls services."""
