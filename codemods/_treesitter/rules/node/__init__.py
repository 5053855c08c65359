"""Node.js rules (CommonJS, ESM, TypeScript): twilio-node → npm ``@signalwire/compatibility-api``.

One module per rule; :data:`RULES` lists them in the order they run on a node. Phase 0 finds what the file
binds to ``RestClient`` (and rewrites the imports); phase 1 rewrites and checks the uses of those names.
"""

from __future__ import annotations

from collections.abc import Sequence

from codemods._treesitter._engine import Rewrite, walk
from codemods._treesitter.rules._rule import Rule, apply, plan
from codemods._treesitter.rules.node import (
    binding_member,
    call_client,
    class_alias,
    client_member,
    esm_import,
    esm_laml,
    message_from,
    new_client,
    quote_style,
    require_class,
    require_internals,
    require_migrated,
    require_module,
    text,
    type_reference,
)
from codemods._treesitter.rules.node._file import NodeFile

RULES: tuple[Rule[NodeFile], ...] = (
    quote_style.RULE,
    require_internals.RULE,
    require_migrated.RULE,
    require_class.RULE,
    require_module.RULE,
    esm_import.RULE,
    esm_laml.RULE,
    class_alias.RULE,
    new_client.RULE,
    call_client.RULE,
    message_from.RULE,
    binding_member.RULE,
    client_member.RULE,
    type_reference.RULE,
    text.RULE,
)
_PLAN = plan(RULES)


def migrate(rewrite: Rewrite, rules: Sequence[Rule[NodeFile]] | None = None) -> None:
    """Record the edits and findings of the Node.js rules (or of *rules*, for tests) on *rewrite*."""
    apply(NodeFile(rewrite), _PLAN if rules is None else plan(rules), list(walk(rewrite.root)))
