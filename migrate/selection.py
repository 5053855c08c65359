"""Which finding codes count: ``--select`` / ``--ignore`` and the ``select`` / ``ignore`` settings.

Shared by ``validate`` (which findings are reported) and ``codemod`` (which are reported, fail the run and
get a marker comment in the file). Codes match by prefix, as in ruff: ``LAML2`` means every LAML2xx code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


def unknown_codes(codes: Iterable[str]) -> list[str]:
    """The codes or prefixes among *codes* that match no code of either command, in order.

    As with ruff's unknown rule selectors, a typo must stop the run: ``--select LAML-106`` would otherwise
    select nothing and turn a CI gate green. Both commands' codes are known everywhere, since one settings
    file serves both (``select = ["SW1", "LAML"]``).
    """
    from codemods._findings import RULES  # imported here: codemods itself imports this module
    from laml.diagnostics import CODES

    known = (*CODES, *RULES)
    return [code for code in codes if not any(name.startswith(code) for name in known)]


def suppression_problem(codes: Sequence[str]) -> str | None:
    """What is wrong with a suppression comment that names *codes* (upper-cased), or None.

    A mistyped code (``ignore[SW11O]``) would otherwise suppress nothing and say nothing, like ruff's
    unknown ``noqa`` codes; the comment is reported instead (``SW910``, ``LAML006``). Codes of either
    command count as known, as for ``--select``.
    """
    if not codes:
        return "suppression comment names no code: it suppresses nothing (a bare ignore covers every code)"
    unknown = unknown_codes(codes)
    if not unknown:
        return None
    return f"suppression comment names no sw-migrate code: {', '.join(unknown)}"


def split_codes(values: Iterable[str]) -> tuple[str, ...]:
    """``--select A,B --select C`` or ``["A", "B"]`` → ``("A", "B", "C")``, upper-cased."""
    return tuple(code.strip().upper() for value in values for code in value.split(",") if code.strip())


@dataclass(frozen=True)
class Selection:
    """Which finding codes a run reports: prefixes, so ``LAML2`` means every LAML2xx code."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()

    def wants(self, code: str) -> bool:
        """Selected (everything when nothing is selected) and not ignored."""
        chosen = self.select is None or any(code.startswith(prefix) for prefix in self.select)
        return chosen and not any(code.startswith(prefix) for prefix in self.ignore)
