"""``techscreen problem check|list``."""

import click

from server.cli.output import EXIT_USAGE, emit_json, exit_codes
from server.errors import ProblemFormatError
from server.problems import bank
from server.problems.check import check_package


@click.group("problem")
def problem_group():
    """Problem packages: check and list."""


@problem_group.command("check")
@click.argument("problem")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def check_command(problem, as_json):
    """Verify PROBLEM (a bank id or a package path): format, generator, reference, known submissions."""
    with exit_codes(as_json):
        report = check_package(bank.resolve(problem))
    if as_json:
        emit_json(report.as_json())
    else:
        for issue in report.issues:
            click.echo(str(issue))
        for submission in report.submissions:
            mark = "ok  " if submission.ok else "FAIL"
            path = submission.name if submission.name == "solution.py" else f"submissions/{submission.name}"
            slowest = f", slowest test {submission.slowest_ms:.0f} ms" if submission.slowest_ms is not None else ""
            measured = f"; {submission.complexity}" if submission.complexity else ""
            click.echo(f"{mark} {path}: expected {submission.expected}, got {submission.got} "
                       f"({submission.passed}/{submission.total} passed{slowest}{measured})")
            for problem_text in submission.problems if not submission.ok else ():
                click.echo(f"       {problem_text}")
        click.echo(f"{report.package}: {'OK' if report.ok else 'FAILED'}")
    if not report.ok:
        raise SystemExit(EXIT_USAGE)


@problem_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON array.")
def list_command(as_json):
    """List the problems in the bank."""
    rows = []
    for name, entry in bank.list_packages():
        if isinstance(entry, ProblemFormatError):
            rows.append({"id": name, "valid": False, "error": f"{len(entry.issues)} format errors"})
        else:
            spec = entry.spec
            rows.append({"id": spec.id, "valid": True, "title": spec.title, "difficulty": spec.difficulty,
                         "kind": spec.kind, "target": spec.complexity.target,
                         "public": len(entry.public_cases), "hidden": len(entry.hidden_cases),
                         "version": entry.content_hash[:12]})
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        if row["valid"]:
            click.echo(f"{row['id']:24} {row['difficulty']:7} {row['kind']:9} {row['target']:11} "
                       f"{row['public']:>3} public {row['hidden']:>4} hidden  {row['title']}")
        else:
            click.echo(f"{row['id']:24} INVALID: {row['error']} (run `techscreen problem check {row['id']}`)")
