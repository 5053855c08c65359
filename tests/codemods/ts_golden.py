"""Golden before/after checks for the tree-sitter recipes: one file's bytes in, bytes and codes out."""

from __future__ import annotations

import textwrap

from codemods import RULES
from codemods._treesitter import Grammar, migrate_source

SPACE = "example.signalwire.com"


def check(
    grammar: Grammar, before: str, after: str, codes: list[str] | None = None, space_url: str | None = None
) -> list[str]:
    """Migrate *before* (dedented) and compare with *after*; a second run must change nothing and report
    the same findings, all marked when they leave a comment. Returns the finding codes in order."""
    source = textwrap.dedent(before).encode()
    expected = textwrap.dedent(after).encode()
    new, findings = migrate_source(source, f"file.{grammar}", grammar, space_url)
    assert new.decode() == expected.decode()
    again, findings_again = migrate_source(new, f"file.{grammar}", grammar, space_url)
    assert again == new, "a second run changed the file"
    found = [finding.code for finding in findings]
    assert sorted(f.code for f in findings_again) == sorted(found), "a second run reported other findings"
    assert all(f.marked for f in findings_again if RULES[f.code].marker), "a marker comment is missing"
    if codes is not None:
        assert sorted(found) == sorted(codes)
    return found
