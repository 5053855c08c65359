"""``const T = twilio.Twilio`` where ``twilio`` is bound to the module → ``const T = twilio``: the name then
holds ``RestClient`` itself, as ``require('twilio').Twilio`` already becomes (left as ``RestClient.Twilio`` it
would be twilio-node's class, still demanding an ``AC…`` SID and calling api.twilio.com). A plain copy
(``const Client = twilio``) is followed the same way, so ``new Client(…)`` becomes a call as well."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter.rules._rule import Example, Rule
from codemods._treesitter.rules.node._file import NodeFile


def check(file: NodeFile, declarator: tree_sitter.Node) -> None:
    name, value = declarator.child_by_field_name("name"), declarator.child_by_field_name("value")
    if name is None or value is None or name.type != "identifier":
        return
    if declarator.child_by_field_name("type") is not None:
        return  # a declared type (typeof Twilio) would no longer fit: stays reported
    if value.type == "identifier" and file.rw.text(value) in file.bindings:
        file.bindings.add(file.rw.text(name))  # `const Client = Twilio`: its `new Client(…)` is a call too
        return
    if value.type != "member_expression":
        return
    module, prop = value.child_by_field_name("object"), value.child_by_field_name("property")
    if module is None or prop is None or module.type != "identifier" or file.rw.text(prop) != "Twilio":
        return
    if file.rw.text(module) not in file.bindings:
        return
    file.rw.replace(value, file.rw.text(module))
    file.bindings.add(file.rw.text(name))
    file.aliased.add(value.start_byte)


RULE: Rule[NodeFile] = Rule(
    id="node/class-alias",
    matches=("variable_declarator",),
    check=check,
    fix="const T = <binding>.Twilio → const T = <binding> (T, like const T = <binding>, is then followed as "
    "a client function)",
    constraints="a declaration of one untyped name whose value is .Twilio read off a name bound to RestClient",
    codes=(),
    examples=(
        Example(
            "const twilio = require('twilio');\nconst T = twilio.Twilio;\nconst c = new T(sid, token);\n",
            "const twilio = require('@signalwire/compatibility-api').RestClient;\nconst T = twilio;\n"
            "const c = T(sid, token);\n",
        ),
        Example(
            "import twilio from 'twilio';\nlet Client = twilio.Twilio;\n",
            "import { RestClient as twilio } from '@signalwire/compatibility-api';\nlet Client = twilio;\n",
            grammar="typescript",
        ),
        Example(
            "const { Twilio } = require('twilio');\nconst Client = Twilio;\nconst c = new Client(sid, token);\n",
            "const { RestClient: Twilio } = require('@signalwire/compatibility-api');\nconst Client = Twilio;\n"
            "const c = Client(sid, token);\n",
        ),
        Example(
            "const twilio = require('./twilio');\nconst T = twilio.Twilio;\n",
            "const twilio = require('./twilio');\nconst T = twilio.Twilio;\n",
        ),
    ),
)
