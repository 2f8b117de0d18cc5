"""A throw-away PostgreSQL server for the tests and benchmarks: `initdb` into a temporary folder,
listening on a Unix socket in that folder only (no TCP port, nothing reachable from the network),
stopped and deleted at the end.

initdb and postgres refuse to run as root; run as root (CI), the server runs as the `postgres`
user that Debian's package creates (`runuser`), in a folder handed to that user. The binaries are
found in $ANNOTATOR_PG_BINDIR, Debian's /usr/lib/postgresql/*/bin, or on PATH.

`python tests/pg_server.py` starts one and prints its URL, for trying a server project by hand.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

SUPERUSER = "postgres"


class ServerUnavailable(RuntimeError):
    pass


def find_bindir() -> Path | None:
    env = os.environ.get("ANNOTATOR_PG_BINDIR")
    if env:
        return Path(env)
    debian = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    for bindir in reversed(debian):
        if (bindir / "initdb").exists():
            return bindir
    found = shutil.which("pg_ctl")
    return Path(found).parent if found else None


class TempServer:
    """One server in a temporary folder; `url(db)` names a database on it."""

    def __init__(self, *, fsync: bool = False, tcp_port: int | None = None) -> None:
        self.fsync = fsync
        self.tcp_port = tcp_port  # also listen on 127.0.0.1:PORT (loopback only: benchmarks)
        self.bindir = find_bindir()
        if self.bindir is None:
            raise ServerUnavailable("no PostgreSQL binaries (initdb, pg_ctl) found")
        self.root = Path(tempfile.mkdtemp(prefix="annotator-pg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root
        self.run_as: str | None = None
        if os.geteuid() == 0:
            try:
                pwd.getpwnam(SUPERUSER)
            except KeyError:
                raise ServerUnavailable(
                    "running as root and no 'postgres' user to run the server as"
                ) from None
            self.run_as = SUPERUSER
            shutil.chown(self.root, SUPERUSER, SUPERUSER)
        self.started = False

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.run_as:
            cmd = ["runuser", "-u", self.run_as, "--", *cmd]
        out = subprocess.run(cmd, capture_output=True, text=True, cwd=self.root)
        if check and out.returncode != 0:
            raise ServerUnavailable(
                f"{' '.join(args[:2])} failed: {out.stderr.strip() or out.stdout.strip()}"
            )
        return out

    def start(self) -> TempServer:
        self._run(
            "initdb",
            "--no-sync",
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        listen = (
            f"-c listen_addresses='127.0.0.1' -c port={self.tcp_port}"
            if self.tcp_port
            else "-c listen_addresses=''"
        )
        options = (
            f"{listen} -c unix_socket_directories='{self.socket_dir}' "
            f"-c fsync={'on' if self.fsync else 'off'} -c synchronous_commit={'on' if self.fsync else 'off'} "
            "-c full_page_writes=off -c max_connections=100 -c shared_buffers=64MB"
        )
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "start")
        self.started = True
        return self

    def stop(self) -> None:
        if self.started:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)
            self.started = False
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, db: str = "postgres", user: str = SUPERUSER) -> str:
        if self.tcp_port:
            return f"postgresql://{user}@127.0.0.1:{self.tcp_port}/{db}"
        return f"postgresql://{user}@/{db}?host={self.socket_dir}"

    def sql(self, statement: str, db: str = "postgres") -> list[tuple]:
        """Run SQL as the superuser (autocommit: CREATE DATABASE works)."""
        import psycopg

        with psycopg.connect(self.url(db), autocommit=True) as conn:
            cur = conn.execute(statement)
            return cur.fetchall() if cur.description else []

    def new_database(self, prefix: str = "p") -> str:
        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        self.sql(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0")
        return name

    def as_user(self, url: str, name: str) -> str:
        """`url` for the login `name` (made if missing, with every right on that database's tables:
        a window on a server records edits under the login's name)."""
        from urllib.parse import urlsplit

        db = urlsplit(url).path.lstrip("/")
        if not self.sql(f"SELECT 1 FROM pg_roles WHERE rolname = '{name}'"):
            self.sql(f'CREATE ROLE "{name}" LOGIN')
        self.sql(
            f'GRANT ALL ON ALL TABLES IN SCHEMA public TO "{name}"; '
            f'GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO "{name}"',
            db,
        )
        return url.replace(f"{SUPERUSER}@", f"{name}@", 1)

    def hba(self, lines: list[str]) -> None:
        """Authentication rules tried before the default `trust` (then reloaded)."""
        path = self.data / "pg_hba.conf"
        base = [ln for ln in path.read_text().splitlines() if "# annotator-test" not in ln]
        path.write_text("\n".join([*(f"{ln}  # annotator-test" for ln in lines), *base]) + "\n")
        self.sql("SELECT pg_reload_conf()")

    def stop_server(self) -> None:
        """Stop the server but keep its folder (tests of a server that went away)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def restart(self) -> None:
        options = f"-c listen_addresses='' -c unix_socket_directories='{self.socket_dir}' -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "start")


if __name__ == "__main__":
    import time

    server = TempServer().start()
    db = server.new_database("try")
    print(f"server running; a database for a project:\n  {server.url(db)}\nCtrl+C stops and deletes it")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
