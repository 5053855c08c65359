"""C# rules: twilio-csharp → NuGet ``SignalWire-DotNet``, the spec's
``TwilioClient.Init(project, token, new Dictionary<string, object> { ["signalwireSpaceUrl"] = … })``.

One module per rule; :data:`RULES` lists them in the order they run on a node. Phase 0 reads the ``using``
lines; phase 1 rewrites and checks the code.
"""

from __future__ import annotations

from collections.abc import Sequence

from codemods._treesitter._engine import Rewrite, walk
from codemods._treesitter.rules._rule import Rule, apply, plan
from codemods._treesitter.rules.csharp import (
    init,
    message_from,
    request_validator,
    rest_client,
    text,
    unlisted_class,
    using,
)
from codemods._treesitter.rules.csharp._file import CSharpFile

RULES: tuple[Rule[CSharpFile], ...] = (
    using.RULE,
    init.RULE,
    message_from.RULE,
    rest_client.RULE,
    unlisted_class.RULE,
    request_validator.RULE,
    text.RULE,
)
_PLAN = plan(RULES)


def migrate(rewrite: Rewrite, rules: Sequence[Rule[CSharpFile]] | None = None) -> None:
    """Record the edits and findings of the C# rules (or of *rules*, for tests) on *rewrite*."""
    nodes = list(walk(rewrite.root))
    apply(CSharpFile(rewrite, nodes), _PLAN if rules is None else plan(rules), nodes)
