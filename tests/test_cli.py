"""The CLI: exit 0 on success, 2 on a user error (message, no traceback), 1 on a bug."""

from __future__ import annotations

import json

from support import ROOT, SPECS

from deckbuilder import cli


def test_build_succeeds(tmp_path, capsys):
    out = tmp_path / "deck.pptx"
    assert cli.main(["build", str(SPECS / "showcase.yaml"), "-o", str(out)]) == 0
    assert out.is_file() and "28 slides" in capsys.readouterr().out


def test_spec_error_exits_2_without_traceback(tmp_path, capsys):
    spec = tmp_path / "bad.yaml"
    spec.write_text("deck: {title: t}\nslides:\n  - kind: charts\n", encoding="utf-8")
    assert cli.main(["build", str(spec), "-o", str(tmp_path / "x.pptx")]) == 2
    err = capsys.readouterr().err
    assert f"{spec}:3:11: slides[0].kind: unknown slide kind 'charts'" in err
    assert "Traceback" not in err
    assert not (tmp_path / "x.pptx").exists()


def test_internal_bug_exits_1(monkeypatch, capsys):
    import deckbuilder.build

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(deckbuilder.build, "build_deck", broken)
    assert cli.main(["build", "whatever.yaml"]) == 1
    assert "internal error" in capsys.readouterr().err


def test_validate_prints_every_metric(capsys):
    assert cli.main(["validate", str(SPECS / "showcase.yaml")]) == 0
    out = capsys.readouterr().out
    assert "sales_2025" in out and "region_share" in out and "spec is valid" in out


def test_metrics_json(capsys):
    assert cli.main(["metrics", str(SPECS / "showcase.yaml"), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {row["name"] for row in rows} >= {"sales_2025", "sales_yoy", "monthly_sales"}


def test_schema_is_json_schema(capsys):
    assert cli.main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "deckbuilder spec" and "slides" in schema["properties"]


def test_committed_schema_is_current(capsys):
    cli.main(["schema"])
    assert json.loads(capsys.readouterr().out) == json.loads((ROOT / "docs" / "spec.schema.json").read_text())


def test_layouts_lists_placeholders(capsys):
    assert cli.main(["layouts", str(ROOT / "layouts" / "default.pptx")]) == 0
    out = capsys.readouterr().out
    assert "Chart + Text" in out and "body" in out


def test_inspect_yaml(showcase_deck, capsys):
    assert cli.main(["inspect", str(showcase_deck)]) == 0
    assert "2025 年度经营简报" in capsys.readouterr().out


def test_lint_of_the_showcase_spec_is_clean(capsys):
    assert cli.main(["lint", str(SPECS / "showcase.yaml")]) == 0
    assert "no problems found" in capsys.readouterr().out


def test_lint_reports_findings_with_exit_3(tmp_path, capsys):
    spec = tmp_path / "crowded.yaml"
    long_text = "这是一段很长的说明文字，用来确认版面检查能够发现溢出的文字。" * 30
    spec.write_text(f"deck: {{title: t}}\nslides:\n  - kind: points\n    title: 要点\n    points:\n"
                    f"      - {{heading: 一, text: '{long_text}'}}\n      - {{heading: 二, text: 短}}\n",
                    encoding="utf-8")
    assert cli.main(["lint", str(spec)]) == 3
    assert "text-overflow" in capsys.readouterr().out


def test_preview_without_libreoffice_is_a_clear_error(showcase_deck, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice, no pdftoppm
    assert cli.main(["preview", str(showcase_deck), "-o", str(tmp_path / "png")]) == 2
    err = capsys.readouterr().err
    assert "apt-get install libreoffice-impress" in err and "Traceback" not in err


def test_metrics_takes_params_department_and_set_and_shows_a_table(capsys):
    spec = str(SPECS / "monthly_review.yaml")
    assert cli.main(["metrics", spec, "--param", "as_of=2025-03-31", "--set", "metrics.category_yoy.as=growth",
                     "--show", "category_yoy"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("category_yoy (4 rows)") and "growth" in out and "美妆个护" in out


def test_metrics_show_an_unknown_metric_exits_2(capsys):
    assert cli.main(["metrics", str(SPECS / "monthly_review.yaml"), "--show", "sales_ytdd"]) == 2
    err = capsys.readouterr().err
    assert "unknown metric 'sales_ytdd'" in err and "did you mean 'sales_ytd'?" in err


def test_validate_with_an_unknown_department_exits_2(capsys):
    assert cli.main(["validate", str(SPECS / "monthly_review.yaml"), "--department", "美妆"]) == 2
    assert "unknown department '美妆'" in capsys.readouterr().err


def test_validate_checks_the_layout_map(tmp_path, capsys):
    import shutil

    shutil.copy(ROOT / "layouts" / "default.pptx", tmp_path / "t.pptx")
    (tmp_path / "t.yaml").write_text("layouts: {}\n", encoding="utf-8")
    spec = tmp_path / "deck.yaml"
    spec.write_text("deck: {title: t, template: t.pptx}\nslides:\n  - kind: title\n", encoding="utf-8")
    assert cli.main(["validate", str(spec)]) == 2
    assert "no layout for slide kind 'title'" in capsys.readouterr().err
