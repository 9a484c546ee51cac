"""A throwaway PostgreSQL server for the tests: ``initdb`` into a temporary folder, listening on a
unix socket only (no TCP port), stopped and deleted at the end of the session.

The server binaries come from Debian's ``postgresql`` package (``.ci/run`` installs it); without
them the PostgreSQL tests are skipped with that reason. ``initdb`` refuses to run as root, so
as root the cluster belongs to the ``postgres`` system user the package creates.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest


def server_binaries() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl`` (newest installed version), or None."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).resolve().parent
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name))
    return Path(folders[-1]) if folders else None


@dataclass
class Cluster:
    folder: Path
    bin: Path
    user: str | None  # the system user running the server (None: the current user)
    database: str = "deckbuilder"

    @property
    def socket_dir(self) -> Path:
        return self.folder / "socket"

    @property
    def url(self) -> str:
        """A SQLAlchemy URL reaching the server over its unix socket."""
        role = self.user or _current_user()
        return f"postgresql+psycopg://{role}@/{self.database}?host={self.socket_dir}"

    def new_database(self, name: str) -> str:
        """Create database *name* (each test module its own, so their tables never clash); its URL."""
        self.run("createdb", "-h", str(self.socket_dir), name)
        role = self.user or _current_user()
        return f"postgresql+psycopg://{role}@/{name}?host={self.socket_dir}"

    def run(self, *args: str) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def stop(self) -> None:
        try:
            self.run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def _current_user() -> str:
    import getpass

    return getpass.getuser()


def _unavailable(reason: str) -> None:
    """Skip the PostgreSQL tests, or fail them where they must run (.ci/run sets DECKBUILDER_REQUIRE_POSTGRES)."""
    if os.environ.get("DECKBUILDER_REQUIRE_POSTGRES"):
        pytest.fail(f"PostgreSQL tests cannot run: {reason}")
    pytest.skip(reason)


def start_cluster() -> Cluster:
    """initdb + pg_ctl start + createdb; the tests skip when the server binaries are missing."""
    binaries = server_binaries()
    if binaries is None:
        _unavailable("PostgreSQL server binaries not found (apt-get install postgresql; .ci/run installs it)")
        raise AssertionError("unreachable")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("psycopg is not installed (pip install -e '.[test]')")
    user = None
    if os.geteuid() == 0:
        user = "postgres"
        if subprocess.run(["id", "-u", user], capture_output=True).returncode != 0:
            _unavailable("running as root and there is no 'postgres' system user for the server")
    folder = Path(tempfile.mkdtemp(prefix="deckbuilder-pg-"))
    cluster = Cluster(folder, binaries, user)
    (folder / "socket").mkdir()
    if user:
        shutil.chown(folder, user)
        shutil.chown(folder / "socket", user)
    data = str(folder / "data")
    cluster.run("initdb", "-D", data, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "-U", user or _current_user())
    options = f"-c listen_addresses='' -k {folder / 'socket'} -c fsync=off -c full_page_writes=off"
    try:
        cluster.run("pg_ctl", "-D", data, "-o", options, "-l", str(folder / "server.log"), "-w", "start")
    except subprocess.CalledProcessError:
        log = (folder / "server.log").read_text(errors="replace") if (folder / "server.log").exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        pytest.fail(f"PostgreSQL did not start:\n{log}")
    try:
        cluster.run("createdb", "-h", str(folder / "socket"), cluster.database)
    except subprocess.CalledProcessError:
        cluster.stop()
        raise
    return cluster
