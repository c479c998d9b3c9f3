"""The app's screens: each composes widgets and reacts to their messages."""
