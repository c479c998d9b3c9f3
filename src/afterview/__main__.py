"""Run afterview with ``python -m afterview``."""

from afterview.cli import main

raise SystemExit(main())
