"""``techscreen judge PROBLEM SOLUTION.py [--notes F] [--json] [--policy off]``."""

from pathlib import Path

import click

from server.cli.output import emit_json, exit_codes
from server.problems import bank
from server.scoring.assess import evaluate


def _read_text(path: Path, what: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise click.BadParameter(f"{path} is not UTF-8 text ({error.reason} at byte {error.start})",
                                 param_hint=what) from None
    except OSError as error:
        raise click.BadParameter(f"cannot read {path}: {error.strerror}", param_hint=what) from None


@click.command("judge")
@click.argument("problem")
@click.argument("solution", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--notes", type=click.Path(path_type=Path, dir_okay=False),
              help="The candidate's notes (Markdown): approach, complexity, edge cases.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--policy", type=click.Choice(["on", "off"]), default="on", show_default=True,
              help="`off` skips the policy check (staff and tests only).")
def judge_command(problem, solution, notes, as_json, policy):
    """Judge SOLUTION.py against PROBLEM (a bank id or a package path)."""
    code = _read_text(solution, "SOLUTION")
    notes_text = _read_text(notes, "--notes") if notes is not None else ""
    with exit_codes(as_json):
        report = evaluate(bank.load(problem), code, notes_text, policy=policy == "on")
    if as_json:
        emit_json(_with_raised(report))
        return
    click.echo(f"{report.problem_id}: {report.verdict.label} ({report.passed}/{report.total} tests passed, "
               f"{report.wall_seconds:.1f} s)")
    for violation in report.violations:
        click.echo(f"  policy: {violation}")
    for test in report.tests:
        time = f"{test.time_ms:.0f} ms" if test.time_ms is not None else "-"
        line = f"  {test.verdict.label:22} {test.visibility:6} {test.group:11} {time:>8}  {test.name}"
        click.echo(line + (f"  ({test.message})" if test.message and test.verdict.value else ""))
    _echo_assessment(report.assessment)


def _with_raised(report) -> dict:
    """The report's JSON with each test's exception (``raised``: type and message) where it ended with one: the
    person running the CLI has the whole package, hidden tests included."""
    document = report.as_json()
    for shown, test in zip(document["tests"], report.tests, strict=True):
        if test.raised is not None:
            shown["raised"] = test.raised.as_json()
    return document


def _echo_assessment(assessment) -> None:
    complexity = assessment.complexity
    if complexity is not None:
        click.echo(f"complexity: {complexity.verdict} ({complexity.reason})")
    score = assessment.score
    click.echo(f"score: {score.total:.1f}/100, {score.band}")
    for reason in score.reasons:
        click.echo(f"  {reason.component:14} {reason.text}")
