"""``techscreen problem check|list|export|import``: problem packages and question items alike."""

import shutil
from pathlib import Path

import click

from server.cli.output import EXIT_USAGE, emit_json, exit_codes
from server.errors import ProblemFormatError
from server.problems import archive, bank
from server.problems.check import check_package
from server.problems.package import load_package
from server.problems.tree import read_tree, tree_hash, write_tree
from server.questions.item import QUESTION_FILE, is_question_folder, parse_question


@click.group("problem")
def problem_group():
    """Problem packages: check, list, export and import."""


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
    """List the problems in the bank, then its question items (kind ``question``)."""
    rows = [_invalid_row(name, entry) if isinstance(entry, ProblemFormatError) else _problem_row(entry)
            for name, entry in bank.list_packages()]
    rows += [_invalid_row(name, entry) if isinstance(entry, ProblemFormatError) else _question_row(*entry)
             for name, entry in bank.list_questions()]
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        if not row["valid"]:
            click.echo(f"{row['id']:24} INVALID: {row['error']} (run `techscreen problem check {row['id']}`)")
        elif row["kind"] == "question":
            click.echo(f"{row['id']:24} {row['difficulty']:7} {row['kind']:9} {row['format']:11} "
                       f"{row['points']:>3g} points {row['topic']:17} {row['title']}")
        else:
            click.echo(f"{row['id']:24} {row['difficulty']:7} {row['kind']:9} {row['target']:11} "
                       f"{row['public']:>3} public {row['hidden']:>4} hidden  {row['title']}")


def _problem_row(package) -> dict:
    spec = package.spec
    return {"id": spec.id, "valid": True, "title": spec.title, "difficulty": spec.difficulty, "kind": spec.kind,
            "target": spec.complexity.target, "public": len(package.public_cases),
            "hidden": len(package.hidden_cases), "version": package.content_hash[:12]}


def _question_row(item, text: str) -> dict:
    return {"id": item.id, "valid": True, "title": item.title, "difficulty": item.difficulty, "kind": "question",
            "format": item.format, "topic": item.topic, "points": item.points,
            "version": tree_hash({QUESTION_FILE: text})[:12]}


def _invalid_row(name: str, error: ProblemFormatError) -> dict:
    return {"id": name, "valid": False, "error": f"{len(error.issues)} format errors"}


@problem_group.command("export")
@click.argument("problem")
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The zip file to write.")
def export_command(problem, output):
    """Write PROBLEM (a bank id or a package path; a question item too) as a zip of its folder."""
    with exit_codes(False):
        folder = bank.resolve(problem)
        if is_question_folder(folder):
            item_id = parse_question((folder / QUESTION_FILE).read_text(encoding="utf-8"), folder.name).id
        else:
            item_id = load_package(folder).id
    output.write_bytes(archive.pack(item_id, read_tree(folder)))
    click.echo(f"{item_id}: wrote {output}")


@problem_group.command("import")
@click.argument("archive_file", metavar="FILE.zip", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--bank", "bank_folder", type=click.Path(file_okay=False, path_type=Path),
              help="The bank folder (default: TECHSCREEN_PROBLEMS or the repository's problems/).")
@click.option("--replace", is_flag=True, help="Replace a problem of the same id in the bank.")
def import_command(archive_file, bank_folder, replace):
    """Check the package in FILE.zip and write it into the bank, all or nothing."""
    with exit_codes(False):
        unpacked = archive.unpack(archive_file.read_bytes(), archive_file.name)
    folder = bank_folder or bank.bank_dir()
    target = folder / unpacked.problem_id
    existed = target.exists()
    if existed and not replace:
        click.echo(f"error: {target} exists; pass --replace to overwrite it", err=True)
        raise SystemExit(EXIT_USAGE)
    folder.mkdir(parents=True, exist_ok=True)
    incoming = folder / f".{unpacked.problem_id}.incoming"
    retired = folder / f".{unpacked.problem_id}.replaced"
    for leftover in (incoming, retired):
        shutil.rmtree(leftover, ignore_errors=True)
    write_tree(incoming, unpacked.files)
    if existed:
        target.rename(retired)
    incoming.rename(target)
    shutil.rmtree(retired, ignore_errors=True)
    click.echo(f"{unpacked.problem_id}: {'replaced' if existed else 'imported'} into {target}")
