"""The ``deckbuilder`` command: parse arguments, call the public API, map errors to exit codes.

Exit codes: 0 success, 2 a problem with the user's input (spec, data, template,
output path, missing tool) reported without a traceback, 1 an internal bug,
3 ``lint`` found layout problems.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import sys
import traceback
from pathlib import Path

from deckbuilder import __version__
from deckbuilder.errors import DeckBuilderError

EXIT_OK, EXIT_BUG, EXIT_USER, EXIT_FINDINGS = 0, 1, 2, 3

# A build allocates millions of small objects, most of them alive to the end (imported modules,
# the spec's pydantic models, the deck's XML proxies), and with CPython's default thresholds
# (700, 10, 10) the cyclic collector scanned them again and again: ~0.16 s CPU of a year-end
# build, ~8 %. Collecting less often keeps the same garbage collected (peak RSS unchanged) for
# about a quarter of that. A process setting, so the command sets it, not the library.
GC_THRESHOLDS = (20_000, 50, 50)


def import_without_gc(module: str) -> None:
    """Import *module* (and everything it imports) with the cyclic collector off, then freeze it all.

    A build first imports pandas, python-pptx, pydantic, Jinja and deckbuilder itself: ~190,000
    objects that live until the process ends, so the collector scanning them again and again
    while they are created (~18 collections, ~0.04 s CPU even at :data:`GC_THRESHOLDS`) finds
    next to nothing to free. ``gc.freeze()`` then moves them out of every later collection
    (left in generation 0, the next collection would scan them all); the ~1000 cyclic garbage
    objects the imports leave stay with them. Only the first time: when *module* is already
    imported (a second ``main()`` in one process, as in the tests) nothing changes. A process
    setting, like the thresholds, so only the command does it; ``build_deck()`` never does.
    """
    if module in sys.modules:
        return
    if not gc.isenabled():  # the caller's choice: leave the collector alone
        importlib.import_module(module)
        return
    gc.disable()
    try:
        importlib.import_module(module)
    finally:
        gc.enable()
        gc.freeze()


def main(argv: list[str] | None = None) -> int:
    gc.set_threshold(*GC_THRESHOLDS)
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args) or EXIT_OK
    except DeckBuilderError as exc:
        print(f"error: {exc.report()}", file=sys.stderr)
        return EXIT_USER
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception:  # noqa: BLE001 - anything else is our bug, say so
        traceback.print_exc()
        print("internal error: this is a bug in deckbuilder, please report it with the spec", file=sys.stderr)
        return EXIT_BUG


def _positive_int(text: str) -> int:
    """argparse type for counts: a bad value is a usage error (exit 2), never a traceback."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="deckbuilder",
                                     description="Build PowerPoint decks from a YAML spec and data.")
    parser.add_argument("--version", action="version", version=f"deckbuilder {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build", help="build a deck from a spec (or one per department)")
    p.add_argument("spec")
    _param_option(p)
    p.add_argument("-o", "--output", help="output .pptx (default: <spec name>.pptx); "
                                          "with --all-departments, the output folder, created if missing (default: .)")
    p.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                   help="override a spec field, e.g. --set deck.presenter=李雷 (repeatable)")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--department", metavar="NAME", help="build this department's deck")
    which.add_argument("--all-departments", action="store_true", help="build every department's deck")
    p.add_argument("--jobs", type=_positive_int, default=1, metavar="N",
                   help="parallel processes for --all-departments (at most one per deck and per CPU)")
    p.add_argument("--timings", action="store_true", help="print the time spent reading or querying each source")
    p.add_argument("--pattern", default="{department}.pptx",
                   help="file name per department, e.g. '{department}/year_end_{year}.pptx'")
    p.set_defaults(run=_build)

    p = sub.add_parser("validate", help="check a spec, its template and layout map, and compute its metrics "
                                       "without building")
    p.add_argument("spec")
    _check_options(p)
    p.set_defaults(run=_validate)

    p = sub.add_parser("metrics", help="compute and print every metric of a spec")
    p.add_argument("spec")
    _check_options(p)
    p.add_argument("--show", metavar="NAME", action="append", default=[],
                   help="print this metric's rows (a table metric) in full (repeatable)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--explain", metavar="NAME", help="print the SQL this metric runs (parameters listed apart)")
    p.set_defaults(run=_metrics)

    p = sub.add_parser("layouts", help="list a template's layouts and placeholders (to write a layout map)")
    p.add_argument("template")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_layouts)

    p = sub.add_parser("inspect", help="dump a deck as plain data (YAML or JSON)")
    p.add_argument("deck")
    p.add_argument("--format", choices=("yaml", "json"), default="yaml")
    p.set_defaults(run=_inspect)

    p = sub.add_parser("lint", help="check a deck (or the deck a spec builds) for overflowing, "
                                    "overlapping or small text, numbers split from units, raw "
                                    "templates, truncated axes, unexplained highlights, mixed precision")
    p.add_argument("target", metavar="DECK_OR_SPEC")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_lint)

    p = sub.add_parser("preview", help="render a deck to PDF, PNG pages and a contact sheet (needs LibreOffice)")
    p.add_argument("deck")
    p.add_argument("-o", "--output", help="folder for the PDF and PNGs (default: <deck>_preview/)")
    p.add_argument("--dpi", type=int, default=50)
    p.set_defaults(run=_preview)

    p = sub.add_parser("schema", help="print the JSON Schema of the spec format")
    p.set_defaults(run=_schema)
    return parser


def _param_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--param", dest="params", action="append", default=[], metavar="NAME=VALUE",
                   help="set a parameter declared under params:, e.g. --param year=2026 (repeatable)")


def _check_options(p: argparse.ArgumentParser) -> None:
    """validate / metrics take the build's --department, --param and --set."""
    p.add_argument("--department", metavar="NAME", help="check this department's variant")
    _param_option(p)
    p.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                   help="override a spec field, e.g. --set deck.presenter=李雷 (repeatable)")


def _params(args) -> dict[str, str]:
    from deckbuilder.spec.params import parse_param_args

    return parse_param_args(args.params)


def _build(args) -> int:
    import_without_gc("deckbuilder.build")
    if args.all_departments:
        return _build_all(args)
    from deckbuilder.build import build_deck

    result = build_deck(args.spec, output=args.output, department=args.department, overrides=args.overrides,
                        params=_params(args))
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"built {result.path} ({result.slides} slides)")
    if args.timings:
        for t in result.timings:
            cost = f"read {t.read_seconds:.2f} s" if t.engine == "pandas" else \
                f"{t.queries} queries, {t.query_seconds:.2f} s"
            print(f"source {t.source} ({t.engine}): {cost}", file=sys.stderr)
    return EXIT_OK


def _build_all(args) -> int:
    """Every department's deck, with a progress bar and a summary table."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )
    from rich.table import Table

    from deckbuilder.build import build_decks
    from deckbuilder.spec.loader import load_spec
    from deckbuilder.spec.variants.departments import department_names

    loaded = load_spec(args.spec, overrides=args.overrides, params=_params(args))
    console = Console(stderr=True)
    with Progress(TextColumn("[bold]building decks"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TextColumn("{task.description}"), console=console) as progress:
        task = progress.add_task("", total=len(department_names(loaded)))

        def done(result) -> None:
            progress.update(task, advance=1, description=result.department)

        results = build_decks(loaded, jobs=args.jobs, output_dir=args.output or ".", pattern=args.pattern,
                              on_done=done)
    table = Table(title="department decks")
    for column in ("department", "slides", "warnings", "seconds", "result"):
        table.add_column(column, justify="right" if column in ("slides", "warnings", "seconds") else "left")
    for r in results:
        table.add_row(r.department, str(r.slides), str(len(r.warnings)), f"{r.seconds:.2f}",
                      str(r.path) if r.ok else "[red]FAILED[/red] (see below)")
    Console().print(table)
    failed = [r for r in results if not r.ok]
    for r in failed:
        print(f"error: {r.department}: {r.error}", file=sys.stderr)
    if failed:
        print(f"error: {len(failed)} of {len(results)} department decks failed", file=sys.stderr)
        return EXIT_BUG if any(r.internal for r in failed) else EXIT_USER
    return EXIT_OK


def _validate(args) -> int:
    import_without_gc("deckbuilder.build")
    from deckbuilder.build import check_spec

    report = check_spec(args.spec, department=args.department, overrides=args.overrides,
                        params=_params(args))  # the build's resolve phase, without python-pptx
    loaded, rows = report.loaded, report.metrics
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{args.spec}: {len(loaded.model.slides)} slides, {len(rows)} metrics")
    for column in ("metric", "kind", "value", "format"):
        table.add_column(column)
    for row in rows:
        table.add_row(str(row["name"]), str(row["kind"]), str(row["value"]), str(row.get("format") or ""))
    Console().print(table)
    print("spec is valid")
    return EXIT_OK


def _metrics(args) -> int:
    import_without_gc("deckbuilder.build")
    from deckbuilder.build import check_spec

    if args.explain:
        return _explain(args)
    report = check_spec(args.spec, slides=False, department=args.department, overrides=args.overrides,
                        params=_params(args), show=args.show)
    rows = report.metrics
    if args.json:
        out: object = rows
        if args.show:
            out = {"metrics": rows, "tables": {name: table.to_dict(orient="records")
                                               for name, table in report.tables.items()}}
        print(json.dumps(out, ensure_ascii=False, indent=2, default=str))
        return EXIT_OK
    if args.show:
        for name, table in report.tables.items():
            print(f"{name} ({len(table)} rows)")
            print(table.to_string(index=False))
        return EXIT_OK
    for row in rows:
        print(f"{row['name']}\t{row['kind']}\t{row['value']}")
    return EXIT_OK


def _explain(args) -> int:
    from deckbuilder.build.check import explain_metric

    found, pandas = explain_metric(args.spec, args.explain, department=args.department, overrides=args.overrides,
                                   params=_params(args))
    if args.json:
        print(json.dumps({"statements": [vars(s) for s in found], "pandas_sources": pandas}, ensure_ascii=False,
                         indent=2, default=str))
        return EXIT_OK
    for statement in found:
        print(f"-- {statement.path} (source {statement.source})")
        print(statement.sql.strip() + ";")
        if statement.params:
            print(f"-- parameters: {statement.params!r}")
        print()
    if pandas:
        print(f"-- read into pandas, no SQL: {', '.join(pandas)}")
    if not found and not pandas:
        print(f"-- {args.explain} is a formula over other metrics' values: no SQL of its own")
    return EXIT_OK


def _layouts(args) -> int:
    from deckbuilder.tools.inspect import describe_template, format_template_description

    description = describe_template(Path(args.template))
    if args.json:
        print(json.dumps(description, ensure_ascii=False, indent=2))
    else:
        print(format_template_description(description))
    return EXIT_OK


def _inspect(args) -> int:
    from deckbuilder.tools.inspect import inspect_deck

    dump = inspect_deck(Path(args.deck))
    if args.format == "json":
        print(json.dumps(dump, ensure_ascii=False, indent=2))
    else:
        import yaml

        print(yaml.safe_dump(dump, allow_unicode=True, sort_keys=False), end="")
    return EXIT_OK


def _lint(args) -> int:
    """Exit 0 when the deck is clean, 3 when lint found something (so scripts can gate on it)."""
    import_without_gc("deckbuilder.tools.lint")
    from deckbuilder.tools.lint import format_findings, lint_deck

    if args.target.endswith((".yaml", ".yml")):
        import_without_gc("deckbuilder.build")
        from deckbuilder.build import build_deck

        findings = build_deck(args.target, write=False).findings
    else:
        findings = lint_deck(Path(args.target))
    if args.json:
        print(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        print(format_findings(findings), end="")
    return EXIT_FINDINGS if findings else EXIT_OK


def _preview(args) -> int:
    from deckbuilder.tools.preview import preview_deck

    result = preview_deck(Path(args.deck), Path(args.output) if args.output else None, dpi=args.dpi)
    print(f"{result.page_count} pages: {result.pdf}")
    print(f"contact sheet: {result.contact_sheet}")
    return EXIT_OK


def _schema(args) -> int:
    from deckbuilder.spec.include_model import add_include_to_schema
    from deckbuilder.spec.model import DeckSpec

    schema = add_include_to_schema(DeckSpec.model_json_schema())  # slides: may hold include: entries
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "deckbuilder spec"
    print(json.dumps(schema, ensure_ascii=False, indent=2))
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
