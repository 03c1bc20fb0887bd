"""Tests that run a command-line tool (node, ogrinfo): skipped on a machine without it, but never under
CI=1, where .ci/run installs every such tool; there a missing one fails the test instead of hiding it."""

from __future__ import annotations

import os
import shutil

import pytest


def needs_tool(name: str, install: str) -> pytest.MarkDecorator:
    """Skip unless `name` is on PATH, outside CI only; `install` says how to get it."""
    return pytest.mark.skipif(
        shutil.which(name) is None and not os.environ.get("CI"),
        reason=f"{name} is not installed ({install}); CI installs it and never skips",
    )
