"""Ruby rules: twilio-ruby → the ``signalwire`` gem (``Signalwire::REST::Client``, ``Signalwire::Sdk``).

One module per rule; :data:`RULES` lists them in the order they run on a node, in one pass in document order
(a client is remembered where it is built, before its uses).
"""

from __future__ import annotations

from collections.abc import Sequence

from codemods._treesitter._engine import Rewrite, walk
from codemods._treesitter.rules._rule import Rule, apply, plan
from codemods._treesitter.rules.ruby import (
    class_rename,
    client_member,
    configure,
    constant_findings,
    message_from,
    new_client,
    require,
    text,
)
from codemods._treesitter.rules.ruby._file import RubyFile

RULES: tuple[Rule[RubyFile], ...] = (
    require.RULE,
    new_client.RULE,
    configure.RULE,
    client_member.RULE,
    message_from.RULE,
    class_rename.RULE,
    constant_findings.RULE,
    text.RULE,
)
_PLAN = plan(RULES)


def migrate(rewrite: Rewrite, rules: Sequence[Rule[RubyFile]] | None = None) -> None:
    """Record the edits and findings of the Ruby rules (or of *rules*, for tests) on *rewrite*."""
    apply(RubyFile(rewrite), _PLAN if rules is None else plan(rules), list(walk(rewrite.root)))
