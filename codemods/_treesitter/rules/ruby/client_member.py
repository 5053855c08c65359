"""``client.verify`` and friends: products and resources the Compatibility API lacks."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter._vocabulary import MISSING_SNAKE, missing_message
from codemods._treesitter.rules._rule import Example, Rule
from codemods._treesitter.rules.ruby._file import RubyFile


def check(file: RubyFile, node: tree_sitter.Node) -> None:
    called = file.receiver_call(node)
    method = node.child_by_field_name("method")
    if called is None or method is None or called[0] not in file.clients or called[1] not in MISSING_SNAKE:
        return
    code, what = MISSING_SNAKE[called[1]]
    file.rw.report(method, code, missing_message(called[1], code, what))


RULE: Rule[RubyFile] = Rule(
    id="ruby/client-member",
    matches=("call",),
    check=check,
    fix="",
    constraints="the receiver holds a client built in this file",
    codes=("SW100", "SW104"),
    examples=(
        Example(
            "@client = Twilio::REST::Client.new(sid, token)\n@client.short_codes.list\n",
            '@client = Signalwire::REST::Client.new(sid, token, signalwire_space_url: ENV["SIGNALWIRE_SPACE_URL"])'
            "\n# sw-migrate: SW104 `short_codes` (Short Codes) is not part of the Compatibility API spec: check "
            "SignalWire supports it\n@client.short_codes.list\n",
            ("SW104",),
        ),
    ),
)
