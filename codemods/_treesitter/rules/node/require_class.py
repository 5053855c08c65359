"""twilio-node's client class taken from ``require('twilio')`` becomes ``RestClient`` itself: left as
``RestClient.Twilio`` it would still demand an ``AC…`` SID and call api.twilio.com."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter.rules._rule import Example, Rule
from codemods._treesitter.rules.node._file import MODULE, NodeFile


def class_pattern(file: NodeFile, call: tree_sitter.Node) -> tree_sitter.Node | None:
    """The ``{ Twilio, … }`` pattern *call* is destructured into, if it takes the client class by a plain
    key (shorthand or ``Twilio: name``; defaults and rest elements keep the module path)."""
    parent = call.parent
    if parent is None or parent.type != "variable_declarator":
        return None
    pattern = parent.child_by_field_name("name")
    if pattern is None or pattern.type != "object_pattern":
        return None
    items = pattern.named_children
    if not all(item.type in ("shorthand_property_identifier_pattern", "pair_pattern") for item in items):
        return None
    keys = [file.rw.text(item.child_by_field_name("key") or item) for item in items]
    return pattern if "Twilio" in keys else None


def twilio_property(file: NodeFile, call: tree_sitter.Node) -> tree_sitter.Node | None:
    """The ``Twilio`` of ``require('twilio').Twilio``."""
    parent = call.parent
    prop = parent.child_by_field_name("property") if parent is not None else None
    return prop if prop is not None and file.rw.text(prop) == "Twilio" else None


def destructure_class(file: NodeFile, pattern: tree_sitter.Node) -> None:
    """``{ Twilio }`` → ``{ RestClient: Twilio }``; every other key moves under it (``RestClient: { … }``)."""
    for item in pattern.named_children:
        key = item.child_by_field_name("key") if item.type == "pair_pattern" else item
        value = item.child_by_field_name("value") if item.type == "pair_pattern" else item
        if key is None or value is None:
            continue
        if file.rw.text(key) == "Twilio":
            file.rw.replace(key, "RestClient" if item.type == "pair_pattern" else "RestClient: Twilio")
            file.bindings.add(file.rw.text(value))
            continue
        file.rw.splice(item.start_byte, item.start_byte, "RestClient: { ")
        file.rw.splice(item.end_byte, item.end_byte, " }")
        file.destructured_key(item, key)


def check(file: NodeFile, call: tree_sitter.Node) -> None:
    required = file.required(call)
    if required is None or required[1] != MODULE:
        return
    prop, pattern = twilio_property(file, call), class_pattern(file, call)
    if prop is not None and call.parent is not None:
        file.retarget(required[0])
        file.rw.replace(prop, "RestClient")
        file.bind(call.parent)
    elif pattern is not None:
        file.retarget(required[0])
        destructure_class(file, pattern)


RULE: Rule[NodeFile] = Rule(
    id="node/require-class",
    matches=("call_expression",),
    check=check,
    fix="{ Twilio } = require('twilio') → { RestClient: Twilio } = require('@signalwire/compatibility-api'); "
    "require('twilio').Twilio → require('@signalwire/compatibility-api').RestClient",
    constraints="a pattern of plain keys that takes Twilio, or .Twilio read off the require() call",
    codes=(),
    examples=(
        Example(
            "const { Twilio } = require('twilio');\nconst Client = require('twilio').Twilio;\n",
            "const { RestClient: Twilio } = require('@signalwire/compatibility-api');\n"
            "const Client = require('@signalwire/compatibility-api').RestClient;\n",
        ),
        Example(
            "const { twiml, Twilio: T } = require('twilio');\n",
            "const { RestClient: { LaML: twiml }, RestClient: T } = require('@signalwire/compatibility-api');\n",
        ),
        Example("const { Twilio } = require('./twilio');\n", "const { Twilio } = require('./twilio');\n"),
    ),
)
