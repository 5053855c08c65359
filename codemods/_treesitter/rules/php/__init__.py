"""PHP rules: twilio-php → Packagist ``signalwire/signalwire`` (``SignalWire\\Rest\\Client``, ``SignalWire\\LaML``).

One module per rule; :data:`RULES` lists them in the order they run on a node. Phase 0 reads the ``use``
lines (which names the client class has here); phase 1 rewrites and checks the code.
"""

from __future__ import annotations

from collections.abc import Sequence

from codemods._treesitter._engine import Rewrite, walk
from codemods._treesitter.rules._rule import Rule, apply, plan
from codemods._treesitter.rules.php import (
    client_member,
    message_from,
    new_client,
    qualified_name,
    text,
    use_clause,
    use_group,
)
from codemods._treesitter.rules.php._file import PhpFile

RULES: tuple[Rule[PhpFile], ...] = (
    use_clause.RULE,
    use_group.RULE,
    qualified_name.RULE,
    new_client.RULE,
    client_member.RULE,
    message_from.RULE,
    text.RULE,
)
_PLAN = plan(RULES)


def migrate(rewrite: Rewrite, rules: Sequence[Rule[PhpFile]] | None = None) -> None:
    """Record the edits and findings of the PHP rules (or of *rules*, for tests) on *rewrite*."""
    nodes = list(walk(rewrite.root))
    apply(PhpFile(rewrite, nodes), _PLAN if rules is None else plan(rules), nodes)
