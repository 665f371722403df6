"""The ``peer-curriculum`` command."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from peer_curriculum.checks import run_checks
from peer_curriculum.findings import Reporter
from peer_curriculum.loader import load_curriculum
from peer_curriculum.quiz.analysis import MIN_LEARNERS, analyse, write_csv
from peer_curriculum.quiz.bank import load_bank
from peer_curriculum.quiz.exports import EXPORT_MODES, EXPORTERS, NothingToExportError, export_bank
from peer_curriculum.quiz.grading import RESULTS_FORMAT, Grader, ResponseFileError, pass_mark_met, results_document, write_outputs
from peer_curriculum.quiz.models import Bank
from peer_curriculum.scenario.nbgrader import DEFAULT_COURSE, ScenarioExportError, export_scenario
from peer_curriculum.scenario.notebook import load_scenario

root_option = click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path(),
    show_default=True,
    help="Project folder holding curriculum/, modules/, quizzes/, scenarios/ and docs/.",
)
"""The ``--root`` option every command that reads the project shares."""


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="peer-support-curriculum")
def main() -> None:
    """Tools for the peer support curriculum: check, grade and export."""


@main.command()
@root_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def check(root: Path, strict: bool) -> None:  # noqa: FBT001
    """Validate the whole curriculum; print each finding as `path:line: message`.

    Exits 1 when there is any error (or any warning with --strict).
    """
    reporter = Reporter(root.resolve())
    curriculum = load_curriculum(root, reporter)
    run_checks(curriculum, reporter)
    for finding in reporter.findings:
        click.echo(finding.format())
    errors, warnings = len(reporter.errors), len(reporter.warnings)
    pages = len(curriculum.pages)
    click.echo(
        f"checked {len(curriculum.modules)} modules and {pages} pages: {errors} error(s), {warnings} warning(s)",
        err=True,
    )
    if errors or (strict and warnings):
        sys.exit(1)


def _load_bank_or_exit(bank_path: Path) -> Bank:
    reporter = Reporter(Path.cwd())
    loaded = load_bank(bank_path, reporter)
    for finding in reporter.findings:
        click.echo(finding.format(), err=True)
    if loaded is None or reporter.errors:
        click.echo(f"{bank_path}: the bank has errors; run `peer-curriculum check` and fix them first", err=True)
        sys.exit(1)
    return loaded.bank


@main.command()
@click.argument("bank_path", metavar="BANK", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("responses", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("grades"), show_default=True)
@click.option(
    "--mode",
    type=click.Choice(["all", "practice", "assessment"]),
    default="all",
    show_default=True,
    help="Which items count towards the score.",
)
def grade(bank_path: Path, responses: tuple[Path, ...], out_dir: Path, mode: str) -> None:
    """Grade RESPONSES (JSON files) against BANK; write results.json, learners.csv and objectives.csv.

    A response file is {"learner": "...", "bank": "<module id>", "responses": {"<item id>": <answer>}}:
    an option id for single choice, a list of option ids for multiple select and ordering,
    true/false for true-false, {"<pair id>": "<answer text>"} for matching, a string for short answer.
    An optional "presented": [item ids] limits the score to the items a pool drew for this learner.
    Files that cannot be graded are reported and skipped; the others are still graded (exit 1).
    """
    bank = _load_bank_or_exit(bank_path)
    grader = Grader(bank, ("practice", "assessment") if mode == "all" else (mode,))
    results, errors = [], []
    for path in responses:
        try:
            results.append(grader.grade_file(path))
        except ResponseFileError as error:
            errors.append(str(error))
            click.echo(f"error: {error}", err=True)
    learners = [result.learner for result in results]
    for name in sorted({name for name in learners if learners.count(name) > 1}):
        errors.append(f"learner {name!r} appears in more than one response file")
        click.echo(f"warning: learner {name!r} appears in more than one response file", err=True)
    written = write_outputs(results_document(bank, grader, results, errors), out_dir)
    passed = sum(1 for result in results if pass_mark_met(bank, result))
    click.echo(f"graded {len(results)} of {len(responses)} file(s) on {len(grader.items)} item(s); {passed} passed")
    for path in written:
        click.echo(f"wrote {path}")
    if errors:
        sys.exit(1)


@main.command("item-analysis")
@click.argument("results_path", metavar="RESULTS", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False, path_type=Path), help="Also write the table as CSV here.")
def item_analysis(results_path: Path, csv_path: Path | None) -> None:
    """Facility and discrimination of each item in RESULTS (the results.json that `grade` writes)."""
    try:
        document = json.loads(results_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        click.echo(f"{results_path}:1: not a results.json from `peer-curriculum grade` ({error})", err=True)
        sys.exit(1)
    if not isinstance(document, dict) or document.get("format") != RESULTS_FORMAT:
        click.echo(f"{results_path}:1: not a results.json from `peer-curriculum grade` (format {RESULTS_FORMAT} expected)", err=True)
        sys.exit(1)
    statistics = analyse(document)
    table = Table(title=f"Item analysis: {document['bank']} ({len(document['learners'])} learners)")
    for column in ("item", "facility", "discrimination", "review"):
        table.add_column(column, justify="right" if column in ("facility", "discrimination") else "left")
    for row in statistics:
        table.add_row(row.item, f"{row.facility:.2f}", f"{row.discrimination:+.2f}", ", ".join(row.flags) or "ok")
    Console().print(table)
    if len(document["learners"]) < MIN_LEARNERS:
        click.echo(f"note: fewer than {MIN_LEARNERS} learners; items are not flagged", err=True)
    if csv_path is not None:
        write_csv(statistics, csv_path)
        click.echo(f"wrote {csv_path}")


@main.group()
def export() -> None:
    """Export course material to other tools (LMS question banks, nbgrader)."""


@export.command("quiz")
@click.argument("bank_path", metavar="BANK", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--to",
    "to",
    type=click.Choice(list(EXPORTERS)),
    required=True,
    help="Format: " + "; ".join(f"{name}: {exporter.summary}" for name, exporter in EXPORTERS.items()) + ".",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="File to write (default exports/<module>.gift.txt, .moodle.xml or .qti.zip). For nbgrader, the course folder "
    "(default exports/nbgrader); the notebook goes to <course>/source/<module>-quiz/<module>-quiz.ipynb.",
)
@click.option(
    "--mode",
    type=click.Choice(EXPORT_MODES),
    default="all",
    show_default=True,
    help="Which items to export. Exports default to all items, practice and assessment, because an LMS or an nbgrader "
    "course is where assessment items are meant to go; choose practice to leave them out.",
)
def export_quiz(bank_path: Path, to: str, out: Path | None, mode: str) -> None:
    """Export the quiz bank BANK (quizzes/<module>.yml) for nbgrader, Canvas, or Moodle.

    Ordering items become matching of positions (1st, 2nd...) in the QTI, Moodle XML and GIFT
    exports, which those tools score as the grader does. Exporting twice gives identical files.
    """
    bank = _load_bank_or_exit(bank_path)
    try:
        path, count = export_bank(bank, to, out, mode)
    except NothingToExportError as error:
        click.echo(f"{bank_path}: {error}", err=True)
        sys.exit(1)
    except OSError as error:
        click.echo(f"{error.filename or out}: cannot write the export ({error.strerror or error}); nothing was written", err=True)
        sys.exit(1)
    click.echo(f"exported {count} item(s) of {bank.module} ({mode}) as {to}: wrote {path}")


@export.command("scenario")
@click.argument("notebook_path", metavar="NOTEBOOK", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--to",
    "to",
    type=click.Choice(["nbgrader"]),
    required=True,
    help="Format: nbgrader: source notebook with autograded exercises and manually graded reflections.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=f"The nbgrader course folder (default {DEFAULT_COURSE.as_posix()}); the notebook goes to "
    "<course>/source/<scenario>/<scenario>.ipynb, with <course>/nbgrader_config.example.py beside source/.",
)
def export_scenario_command(notebook_path: Path, to: str, out: Path | None) -> None:
    """Export the scenario NOTEBOOK (scenarios/<module>/<scenario>.ipynb) as an nbgrader assignment.

    The exercises are autograded with partial credit, as in `export quiz`; each reflection becomes a
    manually graded answer with its rubric shown. Exporting twice gives identical files.
    """
    reporter = Reporter(Path.cwd())
    scenario = load_scenario(notebook_path, reporter)
    result = None
    if scenario is not None and not reporter.errors:
        try:
            result = export_scenario(scenario, out)
        except ScenarioExportError as error:
            reporter.error(notebook_path, error.line, str(error))
        except OSError as error:
            click.echo(f"{error.filename or out}: cannot write the export ({error.strerror or error}); nothing was written", err=True)
            sys.exit(1)
    for finding in reporter.findings:
        click.echo(finding.format(), err=True)
    if result is None:
        click.echo(f"{notebook_path}: the scenario has errors; fix them (and run `peer-curriculum check`) first", err=True)
        sys.exit(1)
    click.echo(
        f"exported scenario {result.notebook.stem} ({result.exercises} exercise(s), {result.reflections} reflection(s)) as {to}: "
        f"wrote {result.notebook} and {result.config}"
    )


@main.command("new-scenario")
@click.argument("module")
@click.argument("scenario_id")
@root_option
def new_scenario(module: str, scenario_id: str, root: Path) -> None:
    """Create scenarios/MODULE/SCENARIO_ID.ipynb with every part in place, ready to fill in."""
    from peer_curriculum.scenario.authoring import new_notebook, placeholder_parts, write_notebook

    slug = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    for name, value in (("MODULE", module), ("SCENARIO_ID", scenario_id)):
        if not slug.match(value):
            click.echo(f"{name} `{value}` must be a lowercase slug of letters, digits and single hyphens", err=True)
            sys.exit(1)
    if not (root / "modules" / module / "index.md").is_file():
        click.echo(f"unknown module `{module}`: there is no modules/{module}/index.md", err=True)
        sys.exit(1)
    path = root / "scenarios" / module / f"{scenario_id}.ipynb"
    if path.exists():
        click.echo(f"{path} already exists; choose another id or edit that notebook", err=True)
        sys.exit(1)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_notebook(new_notebook(**placeholder_parts(module, scenario_id)), path)
    click.echo(f"wrote {path}: replace every placeholder, then run `peer-curriculum check`")


@main.command()
@click.argument("module")
@root_option
def stats(module: str, root: Path) -> None:
    """Words, reading grade (Flesch-Kincaid) per page, and quiz items per objective of MODULE."""
    from peer_curriculum.stats import module_stats

    curriculum = load_curriculum(root, Reporter(root.resolve()))
    try:
        figures = module_stats(curriculum, module)
    except ValueError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    table = Table(title=f"{module}: learner-facing text")
    for column in ("page", "words", "grade"):
        table.add_column(column, justify="left" if column == "page" else "right")
    for page, words in figures.words.items():
        grade = figures.grades[page]
        table.add_row(page, str(words), "n/a" if grade is None else f"{grade:.1f}")
    lessons = {page: words for page, words in figures.words.items() if page != "index.md"}
    table.add_row("all lessons", str(sum(lessons.values())), "")
    Console().print(table)
    items = Table(title=f"{module}: quiz items per objective")
    for column in ("objective", "practice", "assessment", "total"):
        items.add_column(column, justify="left" if column == "objective" else "right")
    for objective, counts in figures.items_per_objective.items():
        items.add_row(objective, str(counts["practice"]), str(counts["assessment"]), str(counts["practice"] + counts["assessment"]))
    Console().print(items)
    click.echo(f"scenarios: {len(figures.scenarios)} ({', '.join(figures.scenarios)})")


def run() -> None:
    """Console entry point: never show a traceback to the user."""
    try:
        main(standalone_mode=True)
    except Exception as error:  # noqa: BLE001 - last line of defence; users get one readable line
        click.echo(f"peer-curriculum: internal error: {type(error).__name__}: {error}", err=True)
        click.echo("Please report this with the command you ran.", err=True)
        sys.exit(2)
