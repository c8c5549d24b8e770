"""A throwaway PostgreSQL server for the team-library tests and benchmarks.

It runs Debian's (or any) PostgreSQL server binaries on a temporary data folder, listening on
127.0.0.1 on a free port with its socket in that folder, so it never touches a system
service. As root the server runs as the `postgres` user, since PostgreSQL refuses to run as
root. Durability is switched off: the data lives only as long as the test session.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

SUPERUSER = "reader"


def server_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl, or None when no server is installed."""
    override = os.environ.get("READER_PG_BIN")
    candidates = [override] if override else []
    candidates += sorted(map(str, Path("/usr/lib/postgresql").glob("*/bin")), reverse=True)
    found = shutil.which("initdb")
    if found:
        candidates.append(str(Path(found).parent))
    for candidate in candidates:
        folder = Path(candidate)
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PgServer:
    bin_dir: Path
    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="reader-pg-")))
    port: int = 0
    _as_postgres: bool = False

    @property
    def data(self) -> Path:
        return self.root / "data"

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = list(args)
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)

    def _check(self, result: subprocess.CompletedProcess[str], what: str) -> None:
        if result.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{what} failed: {result.stderr or result.stdout}\n{tail}")

    def start(self) -> PgServer:
        self._as_postgres = os.geteuid() == 0
        if self._as_postgres:
            shutil.chown(self.root, "postgres", "postgres")
        initdb = self._run(
            str(self.bin_dir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
        )
        self._check(initdb, "initdb")
        options = " ".join(
            [
                "-c listen_addresses=127.0.0.1",
                f"-k {self.root}",
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
                "-c max_connections=200",
            ]
        )
        for _attempt in range(5):  # another process may take the port between probe and bind
            self.port = _free_port()
            started = self._run(
                str(self.bin_dir / "pg_ctl"),
                "-D",
                str(self.data),
                "-l",
                str(self.root / "server.log"),
                "-o",
                f"-p {self.port} {options}",
                "-w",
                "-t",
                "60",
                "start",
            )
            if started.returncode == 0:
                return self
        self._check(started, "pg_ctl start")
        return self

    def stop(self) -> None:
        if self.data.exists():
            pg_ctl = str(self.bin_dir / "pg_ctl")
            self._run(pg_ctl, "-D", str(self.data), "-m", "fast", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=SUPERUSER, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(sql)  # type: ignore[arg-type]  # names are made here, never input

    def create_database(self, template: str | None = None, name: str | None = None) -> str:
        """A new empty database (or a copy of `template`); returns its name."""
        name = name or f"t_{uuid.uuid4().hex[:16]}"
        suffix = f" TEMPLATE {template}" if template else ""
        self._admin(f"CREATE DATABASE {name}{suffix}")
        return name

    def drop_database(self, name: str) -> None:
        with contextlib.suppress(Exception):
            self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def start_server() -> PgServer | None:
    """A running server, or None when no server binaries are installed."""
    bin_dir = server_binaries()
    if bin_dir is None:
        return None
    return PgServer(bin_dir).start()
