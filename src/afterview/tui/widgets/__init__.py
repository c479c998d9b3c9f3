"""Widgets that own the app's UI behaviour, each with a pure helper beside it."""
