"""afterview: drafts, checks and times the notes that follow a job interview."""

__version__ = "0.1.0"
