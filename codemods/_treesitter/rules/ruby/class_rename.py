"""``Twilio::REST::Client`` → ``Signalwire::REST::Client``; ``Twilio::TwiML::VoiceResponse`` /
``MessagingResponse`` / ``FaxResponse`` → ``Signalwire::Sdk::…``."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter.rules._rule import Example, Rule
from codemods._treesitter.rules.ruby._file import CLASSES, RubyFile


def check(file: RubyFile, node: tree_sitter.Node) -> None:
    full = file.constant(node)
    if full in CLASSES:
        file.rw.replace(node, "::" * file.rw.text(node).startswith("::") + CLASSES[full])


RULE: Rule[RubyFile] = Rule(
    id="ruby/class-rename",
    matches=("scope_resolution",),
    check=check,
    fix="Twilio::REST::Client → Signalwire::REST::Client; Twilio::TwiML::X → Signalwire::Sdk::X",
    constraints="the outermost constant of a chain names a class of the table",
    codes=(),
    examples=(
        Example(
            "response = ::Twilio::TwiML::VoiceResponse.new\n",
            "response = ::Signalwire::Sdk::VoiceResponse.new\n",
        ),
        Example("x = MyApp::Twilio::REST::Client\n", "x = MyApp::Twilio::REST::Client\n"),
    ),
)
