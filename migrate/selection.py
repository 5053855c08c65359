"""Which finding codes count: ``--select`` / ``--ignore`` and the ``select`` / ``ignore`` settings.

Shared by ``validate`` (which findings are reported) and ``codemod`` (which are reported, fail the run and
get a marker comment in the file). Codes match by prefix, as in ruff: ``LAML2`` means every LAML2xx code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


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
