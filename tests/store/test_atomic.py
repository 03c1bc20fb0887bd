import os

import pytest

from sitmap.store import atomic
from sitmap.store.atomic import atomic_write_bytes


def test_replaces_content_and_keeps_mode(tmp_path):
    path = tmp_path / "f.json"
    path.write_text("old")
    path.chmod(0o640)
    atomic_write_bytes(path, b"new")
    assert path.read_bytes() == b"new"
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["f.json"]


def test_failed_rename_leaves_old_file_and_no_temp(tmp_path, monkeypatch):
    path = tmp_path / "f.json"
    path.write_text("old")

    def fail(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        atomic_write_bytes(path, b"new")
    assert path.read_text() == "old"
    assert os.listdir(tmp_path) == ["f.json"]


def test_the_temp_file_of_a_private_file_is_private_from_its_creation(tmp_path, monkeypatch):
    """The users file (argon2 hashes) is 0600: its temp file must never be readable by others, not even
    empty for a moment, or another account could open it then and read the hashes through that handle."""
    path = tmp_path / "users.json"
    path.write_text("{}")
    path.chmod(0o600)
    old = os.umask(0o022)
    seen: list[int] = []
    real = atomic.os.fdopen

    def spy(fd, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(os.fstat(fd).st_mode & 0o777)
        return real(fd, *args, **kwargs)

    monkeypatch.setattr(atomic.os, "fdopen", spy)
    try:
        atomic_write_bytes(path, b'{"users": {}}')
    finally:
        os.umask(old)
    assert seen == [0o600] and path.stat().st_mode & 0o777 == 0o600
