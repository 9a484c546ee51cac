"""Output never destroys input or loses a deck (issue 14): collisions, inputs as outputs,
job counts, output folders, macro-enabled templates and builds killed mid-write."""

from __future__ import annotations

import concurrent.futures
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from support import ROOT

from deckbuilder import cli
from deckbuilder.build import batch, build_decks
from deckbuilder.deck.package import save_atomically

DEPARTMENTS_SPEC = """\
deck: {title: "{{ department.name }} 总结"}
slides:
  - {kind: title}
departments:
  - {name: 甲}
  - {name: 乙}
  - {name: 丙}
"""


@pytest.fixture
def departments_spec(tmp_path) -> Path:
    spec = tmp_path / "depts.yaml"
    spec.write_text(DEPARTMENTS_SPEC, encoding="utf-8")
    return spec


@pytest.fixture
def data_spec(tmp_path) -> Path:
    (tmp_path / "sales.csv").write_text("month,sales\n1月,10\n2月,12\n", encoding="utf-8")
    spec = tmp_path / "deck.yaml"
    spec.write_text("deck: {title: t}\nslides:\n  - kind: chart\n    title: 销售\n"
                    "    chart: {type: column_clustered, csv: sales.csv}\n", encoding="utf-8")
    return spec


def test_output_onto_the_template_is_refused(tmp_path, capsys):
    template = tmp_path / "corp.pptx"
    template.write_bytes((ROOT / "layouts" / "default.pptx").read_bytes())
    (tmp_path / "corp.yaml").write_bytes((ROOT / "layouts" / "default.yaml").read_bytes())
    spec = tmp_path / "deck.yaml"
    spec.write_text("deck: {title: t, template: corp.pptx}\nslides:\n  - {kind: title}\n", encoding="utf-8")
    before = template.read_bytes()
    assert cli.main(["build", str(spec), "-o", str(template)]) == 2
    assert "input files" in capsys.readouterr().err
    assert template.read_bytes() == before


def test_output_onto_a_chart_csv_is_refused(data_spec, tmp_path, capsys):
    csv = tmp_path / "sales.pptx"  # a data file whose name ends in .pptx
    csv.write_text("month,sales\n1月,10\n", encoding="utf-8")
    data_spec.write_text(data_spec.read_text(encoding="utf-8").replace("sales.csv", "sales.pptx"), encoding="utf-8")
    assert cli.main(["build", str(data_spec), "-o", str(csv)]) == 2
    assert csv.read_text(encoding="utf-8").startswith("month,sales")


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_jobs_must_be_a_positive_whole_number(departments_spec, jobs, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["build", str(departments_spec), "--all-departments", "--jobs", jobs])
    assert exit_info.value.code == 2
    assert "--jobs" in capsys.readouterr().err


def test_jobs_are_capped_at_the_number_of_decks(departments_spec, tmp_path, monkeypatch):
    seen = {}

    class RecordingPool(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, max_workers=None, **kw):
            seen["workers"] = max_workers
            super().__init__(max_workers=max_workers, **kw)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", RecordingPool)  # batch imports it when needed
    monkeypatch.setattr(batch.os, "cpu_count", lambda: 64)
    results = build_decks(departments_spec, jobs=1000, output_dir=tmp_path / "out")
    assert all(r.ok for r in results)
    assert seen["workers"] == 3


def test_pattern_giving_two_departments_one_file_is_refused_before_building(departments_spec, tmp_path, capsys):
    out = tmp_path / "out"
    code = cli.main(["build", str(departments_spec), "--all-departments", "-o", str(out), "--pattern", "same.pptx"])
    assert code == 2
    assert "would both be written to" in capsys.readouterr().err
    assert not list(out.glob("*.pptx"))


def test_all_departments_creates_a_missing_output_folder(departments_spec, tmp_path):
    out = tmp_path / "new" / "folder"
    assert cli.main(["build", str(departments_spec), "--all-departments", "-o", str(out)]) == 0
    assert sorted(p.name for p in out.glob("*.pptx")) == sorted(["甲.pptx", "乙.pptx", "丙.pptx"])


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("deckbuilder ")


def _macro_enabled_copy(source: Path, target: Path) -> None:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "[Content_Types].xml":
                plain = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
                data = data.replace(plain, b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml")
                data = data.replace(b"</Types>", b'<Default Extension="bin" '
                                    b'ContentType="application/vnd.ms-office.vbaProject"/></Types>')
            if info.filename == "ppt/_rels/presentation.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rId999" Type="http://schemas.'
                                    b'microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>'
                                    b"</Relationships>")
            zout.writestr(info, data)
        zout.writestr("ppt/vbaProject.bin", b"\0" * 64)


def test_macro_enabled_template_gives_a_plain_pptx(tmp_path):
    _macro_enabled_copy(ROOT / "layouts" / "default.pptx", tmp_path / "macro.pptm")
    (tmp_path / "macro.yaml").write_bytes((ROOT / "layouts" / "default.yaml").read_bytes())
    spec = tmp_path / "deck.yaml"
    spec.write_text("deck: {title: t, template: macro.pptm}\nslides:\n  - {kind: title}\n", encoding="utf-8")
    out = tmp_path / "deck.pptx"
    assert cli.main(["build", str(spec), "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as package:
        types = package.read("[Content_Types].xml").decode()
        assert "macroEnabled" not in types
        assert not [n for n in package.namelist() if "vba" in n.lower()]


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_save_removes_temp_files_of_killed_builds(tmp_path):
    target = tmp_path / "deck.pptx"
    stale = tmp_path / f".deck.pptx.{_dead_pid()}.abc123.tmp"
    stale.write_bytes(b"half a deck")
    other = tmp_path / ".other.pptx.1.abc.tmp"  # another target's: not ours to remove
    other.write_bytes(b"x")
    save_atomically(b"PK whole deck", target)
    assert target.read_bytes() == b"PK whole deck"
    assert not stale.exists()
    assert other.exists()


def test_kill_9_leaves_no_partial_deck_and_the_next_build_cleans_up(tmp_path):
    """Kill builds at several moments: the target is absent or a whole deck, never half of one."""
    target = tmp_path / "showcase.pptx"
    command = [sys.executable, "-m", "deckbuilder", "build", str(ROOT / "specs" / "showcase.yaml"), "-o", str(target)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for delay in (0.5, 1.0, 1.5, 2.0, 2.5):
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        if target.exists():
            with zipfile.ZipFile(target) as package:  # a complete zip: its directory is readable
                assert package.testzip() is None
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert target.exists()
    assert not list(tmp_path.glob(".*.tmp"))


def test_an_output_name_too_long_for_the_file_system_is_a_clear_error(tmp_path, capsys):
    spec = tmp_path / "deck.yaml"
    spec.write_text("deck: {title: t}\nslides:\n  - {kind: title}\n", encoding="utf-8")
    assert cli.main(["build", str(spec), "-o", str(tmp_path / ("x" * 300 + ".pptx"))]) == 2
    assert "file name is" in capsys.readouterr().err
    assert cli.main(["build", str(spec), "-o", str(tmp_path / ("y" * 300) / "deck.pptx")]) == 2
    assert "not a usable output path" in capsys.readouterr().err
