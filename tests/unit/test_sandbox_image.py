"""Image tags follow content; the Debian mirror comes from apt's own configuration."""

import shutil

import pytest

from sandbox import image
from sandbox.errors import ImageBuildError
from sandbox.mirror import apt_entries, debian_mirror


def test_image_tag_changes_with_the_in_container_code(tmp_path, monkeypatch):
    before = image.image_tag()
    copy = tmp_path / "tsbox"
    shutil.copytree(image.TSBOX_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(image, "TSBOX_DIR", copy)
    assert image.image_tag() == before
    (copy / "runner.py").write_text((copy / "runner.py").read_text() + "\n# changed\n")
    assert image.image_tag() != before
    assert image.base_tag() == image.base_tag()


def test_mirror_is_read_from_deb822_and_one_line_sources(tmp_path, monkeypatch):
    monkeypatch.delenv("TECHSCREEN_DEBIAN_MIRROR", raising=False)
    sources = tmp_path / "sources.list"
    sources.write_text("# comment\ndeb [arch=amd64 signed-by=/k.gpg] http://mirror.example/debian bookworm main\n")
    folder = tmp_path / "sources.list.d"
    folder.mkdir()
    (folder / "debian.sources").write_text(
        "Types: deb\nURIs: http://security.example/debian-security\nSuites: bookworm-security\n\n"
        "Types: deb\nURIs: http://other.example/debian\nSuites: bookworm bookworm-updates\n")
    (folder / "extra.list.disabled").write_text("deb http://ignored.example/debian bookworm main\n")
    entries = list(apt_entries(sources, folder))
    assert ("http://ignored.example/debian", ["bookworm"]) not in entries
    assert debian_mirror("bookworm", entries) == "http://mirror.example/debian"
    assert debian_mirror("trixie", entries[1:]) == "http://other.example/debian"


def test_mirror_override_and_absence(monkeypatch):
    monkeypatch.setenv("TECHSCREEN_DEBIAN_MIRROR", "http://override.example/debian")
    assert debian_mirror("bookworm", []) == "http://override.example/debian"
    monkeypatch.delenv("TECHSCREEN_DEBIAN_MIRROR")
    with pytest.raises(ImageBuildError, match="TECHSCREEN_DEBIAN_MIRROR"):
        debian_mirror("bookworm", [("http://security.example/debian-security", ["bookworm-security"])])
