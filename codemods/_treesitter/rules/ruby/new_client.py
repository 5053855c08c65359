"""``Twilio::REST::Client.new(sid, token)`` gets ``signalwire_space_url:`` — the ``--space-url`` literal, else
``ENV["SIGNALWIRE_SPACE_URL"]``: since 2.0.0 the gem reads ``SIGNALWIRE_HOST`` / ``SIGNALWIRE_API_HOSTNAME``,
never the variable the spec documents."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter._vocabulary import SPACE_URL_ENV
from codemods._treesitter.rules._rule import Example, Rule
from codemods._treesitter.rules.ruby._file import CLASSES, CLIENT, RubyFile

CLIENT_CLASSES = frozenset({CLIENT, CLASSES[CLIENT]})
KEYWORD = "signalwire_space_url"
ENV_VALUE = f'ENV["{SPACE_URL_ENV}"]'


def check(file: RubyFile, node: tree_sitter.Node) -> None:
    called = file.receiver_call(node)
    if called is None or called[1] != "new" or called[0] not in CLIENT_CLASSES:
        return
    arguments = node.child_by_field_name("arguments")
    args = arguments.named_children if arguments is not None else []
    positional = [arg for arg in args if arg.type not in ("pair", "hash_splat_argument", "block_argument")]
    if len(positional) > 2:
        file.rw.report(node, "SW141", "API-key credentials: SignalWire uses the project ID and token")
    if any(file.rw.text(arg).startswith(KEYWORD) for arg in args):
        remember(file, node)
        return
    value = f'"{file.rw.space_url}"' if file.rw.space_url else ENV_VALUE
    keyword = f"{KEYWORD}: {value}"
    method = node.child_by_field_name("method")
    if arguments is None and method is not None:
        file.rw.splice(method.end_byte, method.end_byte, f"({keyword})")
    elif arguments is None:
        return
    elif args:
        last = args[-1]
        file.rw.splice(last.end_byte, last.end_byte, f", {keyword}")
    else:
        file.rw.splice(arguments.end_byte - 1, arguments.end_byte - 1, keyword)
    remember(file, node)


def remember(file: RubyFile, node: tree_sitter.Node) -> None:
    parent = node.parent
    if parent is not None and parent.type in ("assignment", "operator_assignment"):
        left = parent.child_by_field_name("left")
        if left is not None:
            file.clients.add(file.rw.text(left))


RULE: Rule[RubyFile] = Rule(
    id="ruby/new-client",
    matches=("call",),
    check=check,
    fix=f"Client.new(sid, token) → Client.new(sid, token, {KEYWORD}: {ENV_VALUE} or the --space-url literal)",
    constraints="new on the Twilio (or SignalWire) client class; not when the keyword is already there",
    codes=("SW141",),
    examples=(
        Example(
            "client = Twilio::REST::Client.new(sid, token)\nother = Twilio::REST::Client.new\n",
            f"client = Signalwire::REST::Client.new(sid, token, {KEYWORD}: {ENV_VALUE})\n"
            f"other = Signalwire::REST::Client.new({KEYWORD}: {ENV_VALUE})\n",
        ),
        Example(
            "client = Twilio::REST::Client.new key, secret, sid\n",
            "# sw-migrate: SW141 API-key credentials: SignalWire uses the project ID and token\n"
            f'client = Signalwire::REST::Client.new key, secret, sid, {KEYWORD}: "example.signalwire.com"\n',
            ("SW141",),
            space_url="example.signalwire.com",
        ),
    ),
)
