"""``….messages.create(from: …)`` / ``….calls.create(from: …)``: ``From`` must become a number of the
SignalWire project."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter._common import report_from
from codemods._treesitter._engine import walk
from codemods._treesitter.rules._rule import Example, Rule
from codemods._treesitter.rules.ruby._file import RubyFile


def check(file: RubyFile, node: tree_sitter.Node) -> None:
    called = file.receiver_call(node)
    if called is None or called[1] != "create" or not called[0].endswith((".messages", ".calls")):
        return
    arguments = node.child_by_field_name("arguments")
    if not file.clients or arguments is None:
        return
    for pair in walk(arguments):
        key = pair.child_by_field_name("key") if pair.type == "pair" else None
        if key is not None and file.rw.text(key).strip(":'\" =>") == "from":
            report_from(file.rw, pair)


RULE: Rule[RubyFile] = Rule(
    id="ruby/message-from",
    matches=("call",),
    check=check,
    fix="",
    constraints="a file that builds a client; a from: pair in the arguments",
    codes=("SW170",),
    examples=(
        Example(
            'c = Twilio::REST::Client.new(a, b, signalwire_space_url: "x")\nc.messages.create(from: f, to: t)\n',
            'c = Signalwire::REST::Client.new(a, b, signalwire_space_url: "x")\nc.messages.create(from: f, to: t)\n',
            ("SW170",),
        ),
    ),
)
