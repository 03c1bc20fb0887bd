"""A script that is no package module (benchmarks/, evaluation/) loaded by its path, for the tests that call
its functions. Imported as `from by_path import load_by_path`: tests/ has no __init__.py, so pytest puts it
on sys.path for the test modules directly inside it (as for `tools`, `strategies`)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType


def load_by_path(name: str, path: Path) -> ModuleType:
    """The file at `path` run as module `name`, registered in sys.modules first: dataclasses look their
    module up there while the class is built."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
