"""``techscreen problem check|list|export|import``."""

import shutil
from pathlib import Path

import click

from server.cli.output import EXIT_USAGE, emit_json, exit_codes
from server.errors import ProblemFormatError
from server.problems import archive, bank
from server.problems.check import check_package
from server.problems.package import load_package
from server.problems.tree import read_tree, write_tree


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


@problem_group.command("export")
@click.argument("problem")
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The zip file to write.")
def export_command(problem, output):
    """Write PROBLEM (a bank id or a package path) as a zip of its package folder."""
    with exit_codes(False):
        package = load_package(bank.resolve(problem))
    output.write_bytes(archive.pack(package.id, read_tree(package.path)))
    click.echo(f"{package.id}: wrote {output}")


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
