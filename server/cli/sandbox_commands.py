"""``techscreen sandbox build|doctor|gc``."""

import dataclasses

import click

from sandbox import SandboxSettings, build, doctor, engine, gc, image
from server.cli.output import EXIT_SYSTEM, exit_codes
from server.problems import bank


@click.group("sandbox")
def sandbox_group():
    """The Docker sandbox: build its image, check it, clean up."""


@sandbox_group.command("build")
@click.option("--method", type=click.Choice(build.METHODS), default="auto", show_default=True,
              help="debootstrap (no registry, needs root) or dockerfile (pulls debian:bookworm-slim).")
@click.option("--image", "names", type=click.Choice(list(image.IMAGES)), multiple=True,
              help="Build this image (repeatable). Default: the images the problem bank needs "
                   "(base, and ml when a problem asks for it).")
def build_command(method, names):
    """Build the sandbox images this version of the code has not built yet."""
    with exit_codes(as_json=False):
        client = engine.connect(SandboxSettings.from_environment())
        tags = [build.build_image(client, method=method, log=click.echo, name=name)
                for name in names or bank.images_needed()]
    for tag in tags:
        click.echo(tag)


@sandbox_group.command("doctor")
def doctor_command():
    """Check the engine and the images the bank needs, and prove the limits hold in a probe container of each."""
    settings = SandboxSettings.from_environment()
    with exit_codes(as_json=False):
        client = engine.connect(settings)
        click.echo(f"engine: Docker {doctor.engine_version(client)}")
        findings = []
        for name in bank.images_needed():
            tag, present = doctor.image_status(client, name)
            state = "present" if present else f"MISSING (run `{image.build_command(name)}`)"
            click.echo(f"image {name}: {tag} {state}")
            if not present:
                raise SystemExit(EXIT_SYSTEM)
            findings += [dataclasses.replace(finding, name=f"{name}: {finding.name}")
                         for finding in doctor.probe_findings(client, settings, name)]
    for finding in findings:
        click.echo(f"{'ok  ' if finding.ok else 'FAIL'} {finding.name}: {finding.detail}")
    if not all(finding.ok for finding in findings):
        raise SystemExit(EXIT_SYSTEM)


@sandbox_group.command("gc")
@click.option("--all", "everything", is_flag=True, help="Remove every job container, live judges' too.")
@click.option("--images", is_flag=True, help="Also remove sandbox images of other code versions.")
def gc_command(everything, images):
    """Remove job containers left behind: made on this host by a judge process no longer alive, or older than
    twice the job bound (a live judge's containers are left alone)."""
    settings = SandboxSettings.from_environment()
    with exit_codes(as_json=False):
        client = engine.connect(settings)
        click.echo(f"removed {gc.collect_containers(client, settings, everything)} container(s)")
        if images:
            removed = gc.collect_images(client)
            click.echo(f"removed {len(removed)} image(s){': ' + ', '.join(removed) if removed else ''}")
