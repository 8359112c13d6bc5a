"""The lock files hold every declared dependency at an allowed version, with hashes, and the
environment the tests run in is the locked one (what a fresh machine gets from `make`)."""

from __future__ import annotations

import importlib.metadata
import re
import tomllib
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
_PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==(\S+?)(?:\s*;\s*(.+?))?\s*\\$")


def _lock(name: str) -> dict[str, tuple[str, str | None, int]]:
    """name → (version, marker, number of hashes) for one lock file."""
    pins: dict[str, tuple[str, str | None, int]] = {}
    current = ""
    for line in (ROOT / "requirements" / name).read_text(encoding="utf-8").splitlines():
        if match := _PIN.match(line):
            current = canonicalize_name(match.group(1))
            pins[current] = (match.group(2), match.group(3), 0)
        elif line.strip().startswith("--hash=sha256:"):
            version, marker, hashes = pins[current]
            pins[current] = (version, marker, hashes + 1)
        else:
            assert not line.strip() or line.lstrip().startswith("#"), f"unexpected: {line!r}"
    return pins


def _declared(*extras: str) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    texts = list(project["dependencies"])
    for extra in extras:
        texts += project["optional-dependencies"][extra]
    return [Requirement(text) for text in texts]


@pytest.mark.parametrize(("lock", "extras"), [("dev.txt", ("dev",)), ("dist.txt", ("dist",))])
def test_every_declared_dependency_is_locked_at_an_allowed_version_with_hashes(lock, extras):
    pins = _lock(lock)
    assert all(hashes > 0 for _, _, hashes in pins.values())
    for requirement in _declared(*extras):
        version, _, _ = pins[canonicalize_name(requirement.name)]
        assert requirement.specifier.contains(version, prereleases=True), (requirement, version)


def test_the_bundle_gets_the_same_versions_as_the_tests():
    dev, dist = _lock("dev.txt"), _lock("dist.txt")
    assert "pyinstaller" in dist
    assert {name: dist[name][0] for name in dist.keys() & dev.keys()} == {
        name: dev[name][0] for name in dist.keys() & dev.keys()
    }


def test_pdf_text_libraries_have_upper_bounds():
    """reports/persian.py uses their internals: a new major or minor release is tested first."""
    bounded = {canonicalize_name(r.name): r.specifier for r in _declared()}
    for name in ("reportlab", "arabic-reshaper", "python-bidi"):
        assert any(spec.operator == "<" for spec in bounded[name]), name


def test_this_environment_is_the_locked_one():
    for name, (version, marker, _) in _lock("dev.txt").items():
        if marker is None or Marker(marker).evaluate():
            assert importlib.metadata.version(name) == version, name
