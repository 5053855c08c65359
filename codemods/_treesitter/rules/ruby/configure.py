"""``Twilio.configure`` blocks stay (the gem subclasses ``Twilio::REST::Client``, which still reads them), but
their credentials must become the SignalWire project ID and API token."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter.rules._rule import Example, Rule
from codemods._treesitter.rules.ruby._file import RubyFile

MESSAGE = "Twilio.configure: its account_sid/auth_token must be the SignalWire project ID and token"


def check(file: RubyFile, node: tree_sitter.Node) -> None:
    if file.receiver_call(node) == ("Twilio", "configure"):
        file.rw.report(node, "SW171", MESSAGE)


RULE: Rule[RubyFile] = Rule(
    id="ruby/configure",
    matches=("call",),
    check=check,
    fix="",
    constraints="configure called on Twilio",
    codes=("SW171",),
    examples=(
        Example(
            "Twilio.configure do |config|\n  config.account_sid = sid\nend\n",
            "Twilio.configure do |config|\n  config.account_sid = sid\nend\n",
            ("SW171",),
        ),
    ),
)
