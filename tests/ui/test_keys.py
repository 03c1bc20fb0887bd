"""The session-key registry (sitmap.ui.keys): every session-state key is declared once, and UI code reads and
writes session state only through those names."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from sitmap.ui import keys

UI = Path(keys.__file__).parent
SESSION_NAMES = {"ss", "session_state"}


def _session_key_nodes(tree: ast.AST) -> list[tuple[int, ast.expr]]:
    """Keys of st.session_state (or a local alias `ss`): subscript, get/setdefault/pop, `in`."""
    found: list[tuple[int, ast.expr]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and _is_session(node.value):
            found.append((node.lineno, node.slice))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("get", "setdefault", "pop")
            and _is_session(node.func.value)
            and node.args
        ):
            found.append((node.lineno, node.args[0]))
        elif isinstance(node, ast.Compare) and any(_is_session(c) for c in node.comparators):
            found.append((node.lineno, node.left))
    return found


def _is_session(node: ast.AST) -> bool:
    return (isinstance(node, ast.Name) and node.id in SESSION_NAMES) or (
        isinstance(node, ast.Attribute) and node.attr == "session_state"
    )


def _literal_session_keys(tree: ast.AST) -> list[tuple[int, str]]:
    """String literals used as keys of st.session_state."""
    return [
        (line, key.value)
        for line, key in _session_key_nodes(tree)
        if isinstance(key, ast.Constant) and isinstance(key.value, str)
    ]


def test_registry_has_no_duplicate_keys():
    values = list(keys.REGISTRY.values())
    assert len(values) > 30 and len(set(values)) == len(values)


def _local_constant_keys(tree: ast.Module) -> list[tuple[int, str]]:
    """Session or widget keys (`st.session_state[X]`, `.get(X)`, `key=X`) named by a string constant the
    module
    declares itself instead of importing it from the registry."""
    local = {
        t.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
        for t in node.targets
        if isinstance(t, ast.Name)
    }
    found = [
        (line, k.id) for line, k in _session_key_nodes(tree) if isinstance(k, ast.Name) and k.id in local
    ]
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for kw in node.keywords:
                if kw.arg == "key" and isinstance(kw.value, ast.Name) and kw.value.id in local:
                    found.append((node.lineno, kw.value.id))
    return found


@pytest.mark.parametrize("path", sorted(UI.rglob("*.py")), ids=lambda p: str(p.relative_to(UI)))
def test_ui_code_uses_registered_names_not_literal_keys(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert _literal_session_keys(tree) == []
    assert _local_constant_keys(tree) == [], "declare session and widget keys in sitmap.ui.keys"
    if path.name != "keys.py":  # no second declaration of a registered key under another name
        for node in tree.body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                assert node.value.value not in keys.REGISTRY.values(), f"{path.name}:{node.lineno}"


def test_the_check_finds_a_literal_key():
    """The check above can fail: a literal key in any of the accessor shapes is found."""
    code = 'ss["a"] = 1\nst.session_state.get("b")\nif "c" in st.session_state: pass\nss.pop("d")\n'
    assert [k for _, k in _literal_session_keys(ast.parse(code))] == ["a", "b", "c", "d"]


def test_the_check_finds_a_key_the_module_declares_itself():
    """A key kept in a module constant (not the registry) is found, as a session key or a widget's key."""
    code = 'IDS = "_x_ids"\nBOX = "x_box"\nss[IDS] = 1\nst.session_state.get(IDS)\nst.container(key=BOX)\n'
    assert sorted(k for _, k in _local_constant_keys(ast.parse(code))) == ["BOX", "IDS", "IDS"]
    assert _local_constant_keys(ast.parse("from sitmap.ui import keys\nss[keys.LIST_IDS] = 1\n")) == []
