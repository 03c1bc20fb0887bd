"""`sitmap users`: the accounts of the users file (`sitmap.auth.users`), kept by an admin on the server.

    sitmap users add NAME --role ROLE [--password-stdin | --no-password]
    sitmap users set-role NAME ROLE
    sitmap users set-password NAME [--password-stdin]
    sitmap users remove NAME
    sitmap users list
    sitmap users log [--limit N]

The file is `--users-file`, else `$SITMAP_USERS_FILE`, else `<events>/.sitmap/users.json`. A password is
asked twice on the terminal (never an argument: it would show in the shell history and the process list),
or read as one line from standard input with `--password-stdin`. Proxy users (SITMAP_AUTH=header) need no
password: `--no-password`.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from sitmap.auth.audit import read_changes
from sitmap.auth.roles import ROLE_NAMES, Role, parse_role
from sitmap.auth.users import UsersFileError, change_users, load_users
from sitmap.cli.common import CliError, add_store_options, settings_from_args


def register(subparsers: argparse._SubParsersAction) -> None:
    users = subparsers.add_parser("users", help="user accounts and roles for the app's login")
    sub = users.add_subparsers(dest="users_command", required=True, metavar="USERS_COMMAND")

    p = sub.add_parser("add", help="add a user with a role (and a password, asked for)")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--role", required=True, choices=ROLE_NAMES)
    _password_options(p, allow_none=True)
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("set-role", help="change a user's role")
    p.add_argument("name", metavar="NAME")
    p.add_argument("role", choices=ROLE_NAMES)
    _file_option(p)
    p.set_defaults(func=cmd_set_role)

    p = sub.add_parser("set-password", help="change a user's password (asked for)")
    p.add_argument("name", metavar="NAME")
    _password_options(p, allow_none=False)
    p.set_defaults(func=cmd_set_password)

    p = sub.add_parser("remove", help="remove a user (their open sessions lose access at once)")
    p.add_argument("name", metavar="NAME")
    _file_option(p)
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser("list", help="list users, their roles and whether they have a password")
    _file_option(p)
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("log", help="who changed which account, when, and from where (newest first)")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="only the newest N changes")
    _file_option(p)
    p.set_defaults(func=cmd_log)


def _file_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--users-file", metavar="FILE", help="default: $SITMAP_USERS_FILE or <events>/.sitmap/users.json"
    )
    add_store_options(parser)


def _password_options(parser: argparse.ArgumentParser, *, allow_none: bool) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--password-stdin", action="store_true", help="read the password as one line of stdin")
    if allow_none:
        group.add_argument("--no-password", action="store_true", help="a proxy user (SITMAP_AUTH=header)")
    _file_option(parser)


def _path(args: argparse.Namespace) -> Path:
    return Path(args.users_file) if args.users_file else settings_from_args(args).users_file


def _password(args: argparse.Namespace) -> str | None:
    if getattr(args, "no_password", False):
        return None
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise CliError("no terminal to ask for the password: use --password-stdin (or --no-password)")
    first = getpass.getpass(f"Password for {args.name}: ")
    if getpass.getpass("Again: ") != first:
        raise CliError("the two passwords differ; nothing changed")
    return first


def _server_user() -> str:
    """The account running the CLI on the server, for the users log."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a bare container)
        return f"uid {os.getuid()}"


def _change(args: argparse.Namespace, done: str, **change: object) -> int:
    path = _path(args)
    try:
        change_users(path, args.name, by=_server_user(), via="cli", **change)  # type: ignore[arg-type]
    except (KeyError, ValueError) as e:  # UsersFileError is a ValueError: it names the file and field
        raise CliError(str(e).strip("'\"")) from None
    except OSError as e:
        raise CliError(f"{path}: cannot be written: {e.strerror or e}") from None
    print(f"{done} ({path})", file=sys.stderr)
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    role = parse_role(args.role)
    return _change(
        args, f"added {args.name} as {role.value}", role=role, password=_password(args), create=True
    )


def cmd_set_role(args: argparse.Namespace) -> int:
    role: Role = parse_role(args.role)
    return _change(args, f"{args.name} is now {role.value}", role=role)


def cmd_set_password(args: argparse.Namespace) -> int:
    return _change(args, f"password of {args.name} changed", password=_password(args))


def cmd_remove(args: argparse.Namespace) -> int:
    return _change(args, f"removed {args.name}", remove=True)


def cmd_list(args: argparse.Namespace) -> int:
    path = _path(args)
    try:
        accounts = load_users(path)
    except UsersFileError as e:
        raise CliError(str(e)) from None
    for account in sorted(accounts.values(), key=lambda a: a.name):
        print(
            f"{account.name}\t{account.role.value}\t{'password' if account.password_hash else 'no password'}"
        )
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    changes, problems = read_changes(_path(args), limit=args.limit)
    for problem in problems:
        print(problem, file=sys.stderr)
    for c in changes:
        print("\t".join((c.at, c.user, c.change, c.role_text(" -> "), c.by, c.via)))
    return 0
