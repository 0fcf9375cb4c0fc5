"""Starts Ralph, the reference xAPI LRS, on loopback with its filesystem backend (tests only).

Ralph's fs backend keeps only the first write unless its data backend appends: the line
below sets that before the app is imported (shared/DESIGN.md, "platform facts"). The
environment (RALPH_APP_DIR with auth.json, RALPH_RUNSERVER_BACKEND=fs, the data folder) is
set by the fixture that runs this file: `python ralph_launcher.py PORT`.
"""

from __future__ import annotations

import sys

from ralph.backends.data.base import BaseOperationType
from ralph.backends.data.fs import FSDataBackend

FSDataBackend.default_operation_type = BaseOperationType.APPEND

import uvicorn  # noqa: E402

uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
