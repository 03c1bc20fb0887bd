"""Login and roles: the role table (`roles`), the users file (`users`) and how a user is recognised in each
`SITMAP_AUTH` mode (`identity`). No Streamlit here; the app's glue is `sitmap.ui.auth`.

Only `roles` is re-exported: `sitmap.settings` reads the role names, and `users`/`identity` read the settings,
so importing them here would make a cycle.
"""

from sitmap.auth.roles import PERMISSIONS, Action, PermissionDenied, Role, User, can, parse_role, require

__all__ = ["PERMISSIONS", "Action", "PermissionDenied", "Role", "User", "can", "parse_role", "require"]
