"""Node.js, PHP, Ruby and .NET manifests: the Twilio package replaced by the spec's, every other byte kept.

Each manifest format gets one regular expression over bytes that matches the Twilio dependency entry and
only it; the match's name and version are replaced in place, so key order, indentation, comments and line
endings stay as they were. Lock files are never edited (the package manager owns them) but a lock that still
resolves twilio is reported, since it must be regenerated after the manifest change.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

from codemods._findings import Finding
from codemods._treesitter._languages import Family
from codemods._treesitter._vocabulary import (
    NODE_PACKAGE,
    NODE_VERSION,
    NUGET_PACKAGE,
    NUGET_VERSION,
    PHP_PACKAGE,
    PHP_VERSION,
    RUBY_GEM,
    RUBY_VERSION,
)

LOCK_FILES = {
    "package-lock.json": "npm install",
    "npm-shrinkwrap.json": "npm install",
    "yarn.lock": "yarn install",
    "pnpm-lock.yaml": "pnpm install",
    "composer.lock": "composer update",
    "Gemfile.lock": "bundle install",
    "packages.lock.json": "dotnet restore --force-evaluate",
}
MANIFEST_PATTERNS = ("package.json", "composer.json", "Gemfile", "*.gemspec", "*.csproj", "packages.config")


@dataclass(frozen=True)
class _Recipe:
    """One format: the dependency entry's pattern and how to write its replacement from the match."""

    pattern: re.Pattern[bytes]
    build: Callable[[re.Match[bytes]], bytes]
    replacement: str


def _json_entry(name: bytes, package: str, version: str) -> _Recipe:
    pattern = re.compile(rb'(?P<q>")' + re.escape(name) + rb'"(?P<sep>\s*:\s*)"[^"\r\n]*"')
    return _Recipe(
        pattern,
        lambda m: b'"' + package.encode() + b'"' + m["sep"] + b'"' + version.encode() + b'"',
        f"{package} {version}",
    )


_GEM = re.compile(
    rb"(?P<head>(?:^|(?<=[\s(]))(?:gem|(?:spec|s|gem)\.add(?:_runtime|_development)?_dependency)\s*\(?\s*)"
    rb"(?P<q>['\"])twilio-ruby(?P=q)(?P<version>(?:\s*,\s*(?P<vq>['\"])[^'\"\r\n]*(?P=vq))*)",
    re.MULTILINE,
)
_PACKAGE_REFERENCE = re.compile(
    rb"(?P<head><PackageReference\b[^>]*?\bInclude\s*=\s*)(?P<q>[\"'])Twilio(?P=q)(?P<rest>[^>]*?)"
    rb"(?P<vhead>\bVersion\s*=\s*)(?P<vq>[\"'])[^\"'<>]*(?P=vq)",
    re.IGNORECASE,
)
_PACKAGES_CONFIG = re.compile(
    rb"(?P<head><package\b[^>]*?\bid\s*=\s*)(?P<q>[\"'])Twilio(?P=q)(?P<rest>[^>]*?)"
    rb"(?P<vhead>\bversion\s*=\s*)(?P<vq>[\"'])[^\"'<>]*(?P=vq)",
    re.IGNORECASE,
)


def _gem(match: re.Match[bytes]) -> bytes:
    quote = match["q"]
    version = quote + RUBY_VERSION.encode() + quote if match["version"] else b""
    return match["head"] + quote + RUBY_GEM.encode() + quote + (b", " + version if version else b"")


def _xml(package: str, version: str) -> Callable[[re.Match[bytes]], bytes]:
    def build(match: re.Match[bytes]) -> bytes:
        q, vq = match["q"], match["vq"]
        return (
            match["head"] + q + package.encode() + q + match["rest"]
            + match["vhead"] + vq + version.encode() + vq
        )  # fmt: skip

    return build


def _recipe(name: str) -> _Recipe | None:
    if name == "package.json":
        return _json_entry(b"twilio", NODE_PACKAGE, NODE_VERSION)
    if name == "composer.json":
        return _json_entry(b"twilio/sdk", PHP_PACKAGE, PHP_VERSION)
    if name == "Gemfile" or name.endswith(".gemspec"):
        return _Recipe(_GEM, _gem, f"{RUBY_GEM} {RUBY_VERSION}")
    if name.endswith(".csproj"):
        return _Recipe(
            _PACKAGE_REFERENCE, _xml(NUGET_PACKAGE, NUGET_VERSION), f"{NUGET_PACKAGE} {NUGET_VERSION}"
        )
    if name == "packages.config":
        return _Recipe(
            _PACKAGES_CONFIG, _xml(NUGET_PACKAGE, NUGET_VERSION), f"{NUGET_PACKAGE} {NUGET_VERSION}"
        )
    return None


_FAMILY_BY_NAME: dict[str, Family] = {
    "package.json": "node",
    "package-lock.json": "node",
    "npm-shrinkwrap.json": "node",
    "yarn.lock": "node",
    "pnpm-lock.yaml": "node",
    "composer.json": "php",
    "composer.lock": "php",
    "Gemfile": "ruby",
    "Gemfile.lock": "ruby",
    "packages.config": "csharp",
    "packages.lock.json": "csharp",
}


def manifest_family(path: PurePath) -> Family | None:
    """Which SDK's ecosystem a manifest or lock file belongs to (``None``: not one of theirs)."""
    if path.name.endswith(".gemspec"):
        return "ruby"
    if path.name.endswith(".csproj"):
        return "csharp"
    return _FAMILY_BY_NAME.get(path.name)


def is_other_manifest(path: PurePath) -> bool:
    """Manifests and lock files of the four tree-sitter languages."""
    return path.name in LOCK_FILES or _recipe(path.name) is not None


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def migrate_other_manifest(path: str, data: bytes) -> tuple[bytes | None, list[Finding]]:
    """New bytes (``None`` when unchanged) and findings for one manifest or lock file."""
    name = PurePath(path).name
    if name in LOCK_FILES:
        found = re.search(rb"twilio", data, re.IGNORECASE)
        if found is None:
            return None, []
        line, col = _line_col(data, found.start())
        message = f"lock file still resolves twilio: run `{LOCK_FILES[name]}` after the manifest change"
        return None, [Finding(path, line, col, "SW202", message)]
    recipe = _recipe(name)
    if recipe is None:
        return None, []
    findings: list[Finding] = []

    def replace(match: re.Match[bytes]) -> bytes:
        line, col = _line_col(data, match.start())
        before = match[0].decode("utf-8", "replace").strip()
        findings.append(
            Finding(path, line, col, "SW200", f"{before!r}: dependency changed to {recipe.replacement}")
        )
        return recipe.build(match)

    new = recipe.pattern.sub(replace, data)
    return (new if new != data else None), findings
