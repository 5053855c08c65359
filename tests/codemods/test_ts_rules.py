"""Every tree-sitter rule's own before/after examples (ast-grep style: the cases live next to the rule), and
the proof each example that changes something needs its rule: without that rule, the result differs."""

from __future__ import annotations

import textwrap

import pytest
from ts_golden import check

from codemods import RULES as FINDING_CODES
from codemods._treesitter import migrate_source
from codemods._treesitter._engine import Rewrite, finish
from codemods._treesitter._languages import Family, Grammar
from codemods._treesitter.rules import DEFAULT_GRAMMAR, PACKAGES, RULES, Example, Rule

CASES = [
    pytest.param(family, rule, example, id=f"{rule.id}-{index}")
    for family, rules in RULES.items()
    for rule in rules
    for index, example in enumerate(rule.examples)
]


def _grammar(family: Family, example: Example) -> Grammar:
    return example.grammar or DEFAULT_GRAMMAR[family]


@pytest.mark.parametrize(("family", "rule", "example"), CASES)
def test_rule_example(family: Family, rule: Rule[object], example: Example) -> None:
    """Migrated, the example's *before* is its *after* with its codes; a second run changes nothing."""
    codes = check(
        _grammar(family, example), example.before, example.after, list(example.codes), example.space_url
    )
    assert set(codes) <= {code for other in RULES[family] for code in other.codes}


@pytest.mark.parametrize(
    ("family", "rule", "example"), [case for case in CASES if not case.values[2].negative]
)
def test_example_needs_its_rule(family: Family, rule: Rule[object], example: Example) -> None:
    """With the rule left out, the example comes out differently: it exercises that rule."""
    grammar = _grammar(family, example)
    source = textwrap.dedent(example.before).encode()
    new, findings = migrate_source(source, "x", grammar, example.space_url)
    rewrite = Rewrite.parse(source, "x", grammar, example.space_url)
    PACKAGES[family].migrate(rewrite, [other for other in RULES[family] if other is not rule])
    without, without_findings = finish(rewrite)
    assert (without, [f.code for f in without_findings]) != (new, [f.code for f in findings])


def test_every_rule_is_declared_completely() -> None:
    """Ids are unique and name their language, every rule has an example that changes something, and its
    codes are documented finding codes."""
    ids = [rule.id for rules in RULES.values() for rule in rules]
    assert len(ids) == len(set(ids))
    for family, rules in RULES.items():
        for rule in rules:
            assert rule.id.startswith(f"{family}/") and rule.matches and rule.constraints, rule.id
            assert any(not example.negative for example in rule.examples), rule.id
            assert set(rule.codes) <= set(FINDING_CODES), rule.id
