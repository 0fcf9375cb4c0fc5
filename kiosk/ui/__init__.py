"""The only layer that imports QtWidgets and QtWebEngine; one folder per feature."""
