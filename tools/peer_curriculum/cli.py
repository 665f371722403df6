"""The ``peer-curriculum`` command."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from peer_curriculum.checks import run_checks
from peer_curriculum.findings import Reporter
from peer_curriculum.loader import load_curriculum


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="peer-support-curriculum")
def main() -> None:
    """Tools for the peer support curriculum: check, grade and export."""


@main.command()
@click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path(),
    show_default=True,
    help="Project folder holding curriculum/, modules/ and docs/.",
)
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


def run() -> None:
    """Console entry point: never show a traceback to the user."""
    try:
        main(standalone_mode=True)
    except Exception as error:  # noqa: BLE001 - last line of defence; users get one readable line
        click.echo(f"peer-curriculum: internal error: {type(error).__name__}: {error}", err=True)
        click.echo("Please report this with the command you ran.", err=True)
        sys.exit(2)
