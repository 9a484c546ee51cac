"""The hostile-input contract, shared by the corpus and the property tests (issue 14).

Every input ends with exit 0 and a schema-valid deck, or exit 2 with a located message;
never exit 1, a traceback, a hang (> TIME_LIMIT s) or unbounded memory (> MEMORY_LIMIT).

Each build runs in a forked child of the test process: no interpreter start-up or
re-import (fast), yet a hang hits a CPU-time limit (SIGXCPU) or a wall-clock backstop,
and a memory bomb hits an address-space limit (a MemoryError, reported as exit 1)
instead of the machine.
"""

from __future__ import annotations

import os
import re
import resource
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

TIME_LIMIT = 20  # CPU seconds per build: a hang; CPU time, so a loaded machine does not flip results
WALL_LIMIT = 3 * TIME_LIMIT  # wall-clock backstop for a build that hangs without using the CPU
MEMORY_LIMIT = 1536 * 1024 * 1024  # bytes of address space on top of the test process's own

#: ``file.yaml:12`` or ``file.yaml:12:3``: a location inside a spec (or another YAML file)
SPEC_LOCATION = re.compile(r"[^\s:]+\.ya?ml:\d+(:\d+)?")
#: a data file, template or image named by path: where the error comes from a file, not the spec
FILE_LOCATION = re.compile(r"[^\s:'\"]+\.(csv|json|xlsx|parquet|pptx|potx|png|jpe?g|db|duckdb)\b")


@dataclass
class Outcome:
    code: int | None  # exit code; None when killed (timeout) or crashed hard
    stdout: str
    stderr: str
    seconds: float
    output: Path

    def describe(self) -> str:
        tail = "\n".join(self.stderr.strip().splitlines()[-12:])
        return f"exit {self.code} after {self.seconds:.1f}s\n{tail}"


def warm_up() -> None:
    """Import and prime everything a build uses, once, so forked children start hot."""
    import openxml_audit  # noqa: F401
    import pptx  # noqa: F401

    import deckbuilder.build
    import deckbuilder.cli  # noqa: F401

    global _WARM
    if not _WARM:  # the first validation loads the schemas (about a second): do it once, here
        from openxml_audit import validate_pptx

        validate_pptx(str(Path(__file__).resolve().parents[2] / "layouts" / "default.pptx"))
        _WARM = True


_WARM = False


def run_build(spec: Path, output: Path, extra: list[str] | None = None, schema: bool = True) -> Outcome:
    """``deckbuilder build SPEC -o OUTPUT`` in a forked child, with time and memory limits."""
    return run_builds([(spec, output, extra or [])], schema=schema, jobs=1)[0]


def run_builds(jobs_list: list[tuple[Path, Path, list[str]]], schema: bool = True,
               jobs: int | None = None) -> list[Outcome]:
    """Several builds (spec, output, extra arguments), ``jobs`` forked children at a time.

    Outcomes come back in the order given.
    """
    warm_up()
    jobs = jobs or max(1, min(4, os.cpu_count() or 1))
    pending = list(enumerate(jobs_list))
    running: dict[int, tuple[int, float, object, object, Path]] = {}
    outcomes: dict[int, Outcome] = {}
    while pending or running:
        while pending and len(running) < jobs:
            index, (spec, output, extra) = pending.pop(0)
            out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()  # noqa: SIM115 - closed when the child is reaped
            pid = os.fork()
            if pid == 0:
                _child(spec, output, extra, schema, out, err)
            running[pid] = (index, time.monotonic(), out, err, output)
        for pid, (index, start, out, err, output) in list(running.items()):
            done, status = os.waitpid(pid, os.WNOHANG)
            killed = False
            if not done and time.monotonic() - start > WALL_LIMIT:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                done, status, killed = pid, 0, True
            if not done:
                continue
            del running[pid]
            code = os.WEXITSTATUS(status) if not killed and os.WIFEXITED(status) else None
            if not killed and os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGXCPU:
                killed = True
            out.seek(0)
            err.seek(0)
            stdout = out.read().decode("utf-8", "replace")
            stderr = err.read().decode("utf-8", "replace")
            out.close()
            err.close()
            if killed:
                stderr += f"\n[contract] killed after {TIME_LIMIT} s of CPU or {WALL_LIMIT} s of wall time (hang)"
            outcomes[index] = Outcome(code, stdout, stderr, time.monotonic() - start, output)
        time.sleep(0.01)
    return [outcomes[i] for i in range(len(jobs_list))]


#: exit code a child uses to say "the build exited 0 but the deck is broken" (details on stderr)
BROKEN_DECK = 99


def _child(spec: Path, output: Path, extra: list[str], schema: bool, out, err) -> None:
    """Run in the forked child: never returns."""
    code = 1
    try:
        os.dup2(out.fileno(), 1)
        os.dup2(err.fileno(), 2)
        sys.stdout = os.fdopen(1, "w", encoding="utf-8", errors="backslashreplace", closefd=False)
        sys.stderr = os.fdopen(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)
        _limit_resources()
        from deckbuilder.cli import main

        code = main(["build", str(spec), "-o", str(output), *extra])
        if code == 0:
            decks = sorted(output.glob("*.pptx")) if output.is_dir() else [output]
            problem = next(filter(None, (deck_problem(deck, schema) for deck in decks)), None) if decks else \
                "exit 0 but no deck was written"
            if problem:
                print(f"[contract] {problem}", file=sys.stderr)
                code = BROKEN_DECK
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # noqa: BLE001 - a crash escaping main() is a contract failure
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code if isinstance(code, int) else 1)


def deck_problem(output: Path, schema: bool = True) -> str | None:
    """What is wrong with a deck a build reported as written, or None."""
    if not output.is_file():
        return "exit 0 but no deck was written"
    try:
        from pptx import Presentation

        Presentation(str(output))
    except Exception as exc:  # noqa: BLE001
        return f"exit 0 but python-pptx cannot open the deck: {exc!r}"
    if schema:
        from openxml_audit import validate_pptx

        errors = [str(e) for e in getattr(validate_pptx(str(output)), "errors", [])]
        if errors:
            return f"exit 0 but the deck has {len(errors)} schema errors, e.g. {errors[0]}"
    return None


def _limit_resources() -> None:
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[0])
        current = pages * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        current = 0
    limit = current + MEMORY_LIMIT
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    used = resource.getrusage(resource.RUSAGE_SELF)  # a forked child starts at zero, but be exact
    cpu = int(used.ru_utime + used.ru_stime) + TIME_LIMIT
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))  # SIGXCPU ends the child


def contract_violation(outcome: Outcome, expect_location: str | None = None) -> str | None:
    """Why ``outcome`` breaks the contract, or None when it holds.

    *expect_location*: None (a ``file.yaml:LINE`` is required), ``"file"`` (a data file or
    template path is enough: the error is about that file's content) or a substring to find.
    """
    if outcome.code == 0:
        if "Traceback (most recent call last)" in outcome.stderr:
            return "exit 0 but a traceback was printed"
        return None
    if outcome.code == BROKEN_DECK:
        return outcome.stderr.strip().splitlines()[-1].removeprefix("[contract] ")
    if outcome.code == 2:
        if "Traceback (most recent call last)" in outcome.stderr:
            return "exit 2 but a traceback was printed"
        if expect_location in (None, "file"):
            located = SPEC_LOCATION.search(outcome.stderr) or (
                expect_location == "file" and FILE_LOCATION.search(outcome.stderr))
            if not located:
                return "exit 2 but the message has no location (spec.yaml:LINE" + (
                    " or a file path)" if expect_location else ")")
        elif expect_location not in outcome.stderr:
            return f"exit 2 but the message does not contain the location {expect_location!r}"
        return None
    if outcome.code is None:
        return "hang or hard crash (killed, or died by a signal)"
    return f"exit {outcome.code}"


def last_frame(stderr: str) -> str:
    """The traceback's last 'File ..., line N, in f' frame and the exception line, for reports."""
    lines = stderr.splitlines()
    frames = [i for i, line in enumerate(lines) if line.lstrip().startswith('File "')]
    if not frames:
        return lines[-1] if lines else ""
    i = frames[-1]
    exc = next((line for line in lines[i + 1:] if line and not line.startswith(" ")), "")
    return f"{lines[i].strip()} -> {exc}"


@dataclass
class Case:
    """One corpus spec and what its header lines say."""

    spec: Path
    expect: str  # "ok" or "error"
    location: str | None  # see contract_violation
    args: list[str]

    @classmethod
    def read(cls, spec: Path) -> Case:
        lines = spec.read_bytes().decode("utf-8", "surrogatepass").removeprefix("\ufeff").split("\n", 2)
        if not lines[0].startswith("# expect:"):
            raise ValueError(f"{spec.name}: the first line must be '# expect: ok|error [LOCATION]'")
        words = lines[0].removeprefix("# expect:").split(None, 1)
        args = lines[1].removeprefix("# args:").split() if len(lines) > 1 and lines[1].startswith("# args:") else []
        return cls(spec, words[0], words[1].strip() if len(words) > 1 else None, args)

    def output(self, folder: Path) -> Path:
        """Where the build writes: a folder (created) for --all-departments, else a .pptx."""
        if "--all-departments" in self.args:
            (folder / self.spec.stem).mkdir(parents=True, exist_ok=True)
            return folder / self.spec.stem
        return folder / f"{self.spec.stem}.pptx"
