"""``techscreen sandbox build|doctor|gc``."""

import click

from sandbox import SandboxSettings, build, doctor, engine, gc
from server.cli.output import EXIT_SYSTEM, exit_codes


@click.group("sandbox")
def sandbox_group():
    """The Docker sandbox: build its image, check it, clean up."""


@sandbox_group.command("build")
@click.option("--method", type=click.Choice(build.METHODS), default="auto", show_default=True,
              help="debootstrap (no registry, needs root) or dockerfile (pulls debian:bookworm-slim).")
def build_command(method):
    """Build the sandbox image if this version of the code has none."""
    with exit_codes(as_json=False):
        client = engine.connect(SandboxSettings.from_environment())
        tag = build.build_image(client, method=method, log=click.echo)
    click.echo(tag)


@sandbox_group.command("doctor")
def doctor_command():
    """Check the engine and the image, and prove the limits hold in a probe container."""
    settings = SandboxSettings.from_environment()
    with exit_codes(as_json=False):
        client = engine.connect(settings)
        click.echo(f"engine: Docker {doctor.engine_version(client)}")
        tag, present = doctor.image_status(client)
        click.echo(f"image: {tag} {'present' if present else 'MISSING (run `techscreen sandbox build`)'}")
        if not present:
            raise SystemExit(EXIT_SYSTEM)
        findings = doctor.probe_findings(client, settings)
    for finding in findings:
        click.echo(f"{'ok  ' if finding.ok else 'FAIL'} {finding.name}: {finding.detail}")
    if not all(finding.ok for finding in findings):
        raise SystemExit(EXIT_SYSTEM)


@sandbox_group.command("gc")
@click.option("--all", "everything", is_flag=True, help="Also remove running job containers.")
@click.option("--images", is_flag=True, help="Also remove sandbox images of other code versions.")
def gc_command(everything, images):
    """Remove job containers left behind (exited, or older than twice the job bound)."""
    settings = SandboxSettings.from_environment()
    with exit_codes(as_json=False):
        client = engine.connect(settings)
        click.echo(f"removed {gc.collect_containers(client, settings, everything)} container(s)")
        if images:
            removed = gc.collect_images(client)
            click.echo(f"removed {len(removed)} image(s){': ' + ', '.join(removed) if removed else ''}")
