"""A private Virtuoso 7 on loopback: own ini, database and ports in a folder of ours.

Used by the remote backend's tests (``tests/conftest.py``) and by ``python -m bench sparql_scale``,
so both run the same server the same way. ``VirtuosoServer(folder).start()`` writes
``virtuoso.ini`` (loopback ports picked free; by default small buffers: NumberOfBuffers 10000 ~
80 MB, one thread per query, 8 HTTP threads; :class:`Tuning` raises them for a benchmark), runs ``virtuoso-t +foreground`` as
our child process, waits until its HTTP endpoint answers, then replaces the default ``dba``
password and creates the writer user the service publishes and updates with (role
``SPARQL_UPDATE``, digest auth at ``/sparql-auth`` and ``/sparql-graph-crud-auth``). ``stop()``
terminates it (killed after 20 s) so no process outlives the session. A fresh database starts in
about 3-6 s on this machine. Needs the Debian package ``virtuoso-opensource`` (``make virtuoso``).
"""
from __future__ import annotations

import secrets
import shutil
import socket
import subprocess
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx


@dataclass(frozen=True)
class Tuning:
    """What the ini sizes: page buffers (8 kB each), threads per query, HTTP/SQL connections and
    threads, memory per query. The defaults are the tests' small server."""

    buffers: int = 10_000
    threads_per_query: int = 1
    clients: int = 8
    query_mem: str = "200M"

    def ini_values(self) -> dict:
        return {**asdict(self), "dirty": self.buffers * 3 // 5}


INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
MaxClientConnections = {clients}
CheckpointInterval = 0
CaseMode = 2
DirsAllowed = {d}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
ThreadsPerQuery = {threads_per_query}
AsyncQueueMaxThreads = 2
MaxQueryMem = {query_mem}
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
MaxClientConnections = {clients}
ServerThreads = {clients}
EnabledDavVSP = 0
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 0
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class VirtuosoServer:
    """One ``virtuoso-t`` process owned by the caller."""

    writer = "nikg_writer"

    def __init__(self, folder: Path, tuning: Tuning = Tuning()):
        self.folder, self.tuning = Path(folder), tuning
        self.sql_port, self.http_port = free_port(), free_port()
        self.dba_password = "dba-" + secrets.token_hex(8)
        self.writer_password = "w-" + secrets.token_hex(8)
        self.proc: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def start(self, wait: float = 90.0) -> "VirtuosoServer":
        binary = shutil.which("virtuoso-t")
        if binary is None:
            raise RuntimeError("virtuoso-t is not installed: run `make virtuoso` "
                               "(apt-get install virtuoso-opensource)")
        self.folder.mkdir(parents=True, exist_ok=True)
        ini = self.folder / "virtuoso.ini"
        ini.write_text(INI.format(d=self.folder, sql=self.sql_port, http=self.http_port, **self.tuning.ini_values()))
        log = open(self.folder / "stdout.log", "wb")
        self.proc = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=self.folder,
                                     stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        log.close()
        self._wait(wait)
        self._secure()
        return self

    def _wait(self, wait: float) -> None:
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"virtuoso-t exited ({self.proc.returncode}): {self.log_tail()}")
            try:
                if httpx.get(f"{self.base}/sparql", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"virtuoso-t did not answer within {wait:g} s: {self.log_tail()}")

    def isql(self, sql: str, user: str = "dba", password: str | None = None) -> str:
        """Run SQL statements through ``isql-vt``; raises with its output if one fails."""
        password = self.dba_password if password is None else password
        done = subprocess.run(["isql-vt", f"127.0.0.1:{self.sql_port}", user, password, f"exec={sql}"],
                              capture_output=True, text=True, timeout=60)
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql failed: {done.stdout}{done.stderr}")
        return done.stdout

    def _secure(self) -> None:
        self.isql(f"USER_SET_PASSWORD('dba', '{self.dba_password}');", password="dba")
        self.isql(f"DB.DBA.USER_CREATE('{self.writer}', '{self.writer_password}'); "
                  f"GRANT SPARQL_UPDATE TO \"{self.writer}\"; "
                  f"DB.DBA.RDF_DEFAULT_USER_PERMS_SET('{self.writer}', 3);")

    def log_tail(self, lines: int = 15) -> str:
        path = self.folder / "virtuoso.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else "(no log)"

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def settings_overrides(self, bulk: bool = False) -> dict:
        """The nikg settings that point the service at this server (``bulk``: publish with the bulk loader)."""
        loader = {"sparql_backend_bulk_dir": self.folder / "bulk", "sparql_backend_isql": f"127.0.0.1:{self.sql_port}",
                  "sparql_backend_isql_password": self.dba_password} if bulk else {}
        return {**loader, "sparql_backend": "remote", "sparql_backend_url": f"{self.base}/sparql",
                "sparql_backend_update_url": f"{self.base}/sparql-auth",
                "sparql_backend_graph_store_url": f"{self.base}/sparql-graph-crud-auth",
                "sparql_backend_user": self.writer, "sparql_backend_password": self.writer_password}
