"""``Twilio::JWT`` / ``Twilio::Util::AccessToken`` (SW102) and ``Twilio::Security::RequestValidator`` /
``Rack::TwilioWebhookAuthentication`` (SW120): no SignalWire counterpart to move them to."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter._vocabulary import VALIDATION_MESSAGE
from codemods._treesitter.rules._rule import Example, Rule
from codemods._treesitter.rules.ruby._file import RubyFile

TOKENS = ("Twilio::JWT", "Twilio::Util::AccessToken", "Twilio::Util::Capability")
VALIDATORS = ("Twilio::Security::RequestValidator", "Twilio::Util::RequestValidator", "Rack::TwilioWebhook")


def check(file: RubyFile, node: tree_sitter.Node) -> None:
    full = file.constant(node)
    if full is None:
        return
    if full.startswith(TOKENS):
        file.rw.report(node, "SW102", f"`{full}`: Twilio access tokens; SignalWire uses its own token APIs")
    elif full.startswith(VALIDATORS):
        file.rw.report(node, "SW120", f"`{full}`: {VALIDATION_MESSAGE}")


RULE: Rule[RubyFile] = Rule(
    id="ruby/constant-findings",
    matches=("scope_resolution",),
    check=check,
    fix="",
    constraints="the outermost constant of a chain starts with an access-token or validator class",
    codes=("SW102", "SW120"),
    examples=(
        Example(
            "token = Twilio::JWT::AccessToken.new(sid, key, secret)\n",
            "# sw-migrate: SW102 `Twilio::JWT::AccessToken`: Twilio access tokens; SignalWire uses its own token"
            " APIs\ntoken = Twilio::JWT::AccessToken.new(sid, key, secret)\n",
            ("SW102",),
        ),
    ),
)
