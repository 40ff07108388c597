"""The `codecollab` command: serve, migrate, seed, worker, createuser, promote, reset-link,
apikey, import."""

from __future__ import annotations

import argparse
import asyncio
import copy
import getpass
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from codecollab import migrate
from codecollab.config import ConfigError, Settings
from codecollab.users.roles import InstanceRole


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    command: Callable[[argparse.Namespace, Settings], int] = args.command
    try:
        settings = Settings()
        settings.resolved_jwt_secret()
    except ConfigError as exc:
        print(f"codecollab: configuration error: {exc}", file=sys.stderr)
        return 2
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        print(f"codecollab: configuration error: {where}: {first['msg']}", file=sys.stderr)
        return 2
    return command(args, settings)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="codecollab", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", help="migrate, then serve the API, /ws and the web app")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(command=_serve)

    commands.add_parser("migrate", help="apply database migrations and exit").set_defaults(
        command=_migrate
    )
    commands.add_parser("seed", help="load the problem bank (idempotent)").set_defaults(
        command=_seed
    )
    commands.add_parser("worker", help="run code-execution jobs (needs REDIS_URL)").set_defaults(
        command=_worker
    )

    createuser = commands.add_parser("createuser", help="create a user account")
    createuser.add_argument("--email", required=True)
    createuser.add_argument("--display-name", default=None)
    role = createuser.add_mutually_exclusive_group()
    role.add_argument("--admin", action="store_true", help="an admin (else a member)")
    role.add_argument("--staff", action="store_true", help="staff: sees hidden tests")
    createuser.set_defaults(command=_createuser)

    promote = commands.add_parser("promote", help="change an account's instance role")
    promote.add_argument("--email", required=True)
    promote.add_argument("--role", required=True, choices=[role.value for role in InstanceRole])
    promote.set_defaults(command=_promote)

    reset_link = commands.add_parser("reset-link", help="print a password reset link")
    reset_link.add_argument("--email", required=True)
    reset_link.set_defaults(command=_reset_link)

    apikey = commands.add_parser("apikey", help="print a new API key for an account")
    apikey.add_argument("--email", required=True)
    apikey.add_argument("--name", default="command line", help="what the key is for")
    apikey.set_defaults(command=_apikey)

    importer = commands.add_parser("import", help="restore a session from its export (JSONL)")
    importer.add_argument("file", type=Path)
    importer.add_argument("--owner", required=True, help="email of the new room's owner")
    importer.set_defaults(command=_import)
    return parser


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from codecollab.app import create_app
    from codecollab.gc_tuning import tune_for_server

    migrate.upgrade(settings.database_url)
    app = create_app(settings)
    tune_for_server()
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        timeout_graceful_shutdown=10,
        ws_max_size=4 * 1024 * 1024,
        # Frames uvicorn reads ahead of the engine (while a refused connection is closing, say):
        # at most 8 x 4 MiB per connection instead of the default 32 x 4 MiB.
        ws_max_queue=8,
        # Yjs frames are tiny; per-message deflate makes every client inflate each one (ws does
        # that on a 10-wide zlib pool) and multiplied propagation latency (docs/benchmarks.md).
        ws_per_message_deflate=False,
        log_config=_server_log_config(),
    )
    return 0


def _server_log_config() -> dict[str, Any]:
    """uvicorn's logging, with CodeCollab's own messages (INFO and up) in the same stream, and
    access tokens in logged URLs redacted."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["filters"] = {"redact_tokens": {"()": "codecollab.log_redaction.RedactTokens"}}
    for handler in config["handlers"].values():
        handler["filters"] = ["redact_tokens"]
    config["loggers"]["codecollab"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config


def _migrate(_args: argparse.Namespace, settings: Settings) -> int:
    migrate.upgrade(settings.database_url)
    print("codecollab: database is up to date")
    return 0


def _seed(_args: argparse.Namespace, settings: Settings) -> int:
    from codecollab.problems.commands import seed_command

    migrate.upgrade(settings.database_url)
    return asyncio.run(seed_command(settings))


def _worker(_args: argparse.Namespace, settings: Settings) -> int:
    import logging

    from codecollab.execution.worker import WorkerUnavailable, run_worker

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        asyncio.run(run_worker(settings))
    except WorkerUnavailable as exc:
        print(f"codecollab: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        pass
    return 0


def _createuser(args: argparse.Namespace, settings: Settings) -> int:
    from codecollab.auth.commands import create_user_command

    password = _read_password()
    migrate.upgrade(settings.database_url)
    display_name = args.display_name or args.email.split("@")[0]
    role = InstanceRole.ADMIN if args.admin else InstanceRole.STAFF if args.staff else None
    return asyncio.run(
        create_user_command(
            settings,
            email=args.email,
            display_name=display_name,
            password=password,
            role=role or InstanceRole.MEMBER,
        )
    )


def _promote(args: argparse.Namespace, settings: Settings) -> int:
    from codecollab.auth.commands import promote_command

    migrate.upgrade(settings.database_url)
    return asyncio.run(promote_command(settings, email=args.email, role=InstanceRole(args.role)))


def _reset_link(args: argparse.Namespace, settings: Settings) -> int:
    from codecollab.auth.commands import reset_link_command

    migrate.upgrade(settings.database_url)
    return asyncio.run(reset_link_command(settings, email=args.email))


def _apikey(args: argparse.Namespace, settings: Settings) -> int:
    from codecollab.auth.commands import api_key_command

    migrate.upgrade(settings.database_url)
    return asyncio.run(api_key_command(settings, email=args.email, name=args.name))


def _import(args: argparse.Namespace, settings: Settings) -> int:
    from codecollab.timeline.commands import import_command

    migrate.upgrade(settings.database_url)
    return asyncio.run(import_command(settings, path=args.file, owner_email=args.owner))


def _read_password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        if getpass.getpass("Password (again): ") != first:
            print("codecollab: the passwords differ", file=sys.stderr)
            return ""
        return first
    return sys.stdin.readline().rstrip("\n")


if __name__ == "__main__":
    raise SystemExit(main())
