"""python -m access add-user NAME --role ROLE: prints a secrets.toml entry with a bcrypt hash.

The password is asked twice without echo (or read from standard input with
--password-stdin); it is never printed or written anywhere.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence

from access.passwords import WeakPasswordError, hash_password
from access.users import ROLES, secrets_entry, valid_user_name


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m access", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("add-user", help="print a [users.NAME] entry for .streamlit/secrets.toml")
    p.add_argument("name")
    p.add_argument("--role", choices=ROLES, required=True)
    p.add_argument("--display-name", help="name shown in the app (default: NAME)")
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    args = parser.parse_args(argv)
    if not valid_user_name(args.name):
        print("Tên đăng nhập chỉ gồm chữ không dấu, số, '.', '-' hoặc '_'.", file=sys.stderr)
        return 2
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Mật khẩu: ")
        if getpass.getpass("Nhập lại mật khẩu: ") != password:
            print("Hai lần nhập mật khẩu không khớp.", file=sys.stderr)
            return 2
    try:
        password_hash = hash_password(password)
    except WeakPasswordError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(secrets_entry(args.name, args.role, args.display_name or args.name, password_hash))
    return 0


if __name__ == "__main__":
    sys.exit(main())
