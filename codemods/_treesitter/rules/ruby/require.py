"""``require 'twilio-ruby'`` → ``require 'signalwire/sdk'`` (the gem requires twilio-ruby itself, so
``Twilio::REST::RestError`` and ``Twilio.configure`` keep working)."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter.rules._rule import Example, Rule
from codemods._treesitter.rules.ruby._file import RubyFile


def check(file: RubyFile, call: tree_sitter.Node) -> None:
    method, arguments = call.child_by_field_name("method"), call.child_by_field_name("arguments")
    if method is None or arguments is None or file.rw.text(method) != "require":
        return
    strings = arguments.named_children
    if len(strings) == 1 and strings[0].type == "string":
        content = next((part for part in strings[0].named_children if part.type == "string_content"), None)
        if content is not None and file.rw.text(content) == "twilio-ruby":
            file.rw.replace(content, "signalwire/sdk")


RULE: Rule[RubyFile] = Rule(
    id="ruby/require",
    matches=("call",),
    check=check,
    fix="require 'twilio-ruby' → require 'signalwire/sdk'",
    constraints="require with the one literal 'twilio-ruby'",
    codes=(),
    examples=(
        Example('require "twilio-ruby"\n', 'require "signalwire/sdk"\n'),
        Example("require 'twilio'\n", "require 'twilio'\n"),
    ),
)
