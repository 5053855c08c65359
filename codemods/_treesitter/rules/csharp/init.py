"""The spec's recipe: ``TwilioClient.Init(sid, token)`` → ``TwilioClient.Init(sid, token, new
Dictionary<string, object> { ["signalwireSpaceUrl"] = … })`` with the ``--space-url`` literal, else
``System.Environment.GetEnvironmentVariable("SIGNALWIRE_SPACE_URL")`` (SignalWire-DotNet's sources are not
public, so nothing shows it reading the variable itself); ``using System.Collections.Generic;`` only when
missing."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter.rules._rule import Example, Rule
from codemods._treesitter.rules.csharp._file import API_KEY, CSharpFile

FROM_ENV = 'System.Environment.GetEnvironmentVariable("SIGNALWIRE_SPACE_URL")'


def check(file: CSharpFile, node: tree_sitter.Node) -> None:
    function, arguments = node.child_by_field_name("function"), node.child_by_field_name("arguments")
    if function is None or arguments is None:
        return
    callee = file.rw.text(function).removeprefix("global::")
    if callee not in ("TwilioClient.Init", "Twilio.TwilioClient.Init"):
        return
    if "Twilio" not in file.names and not callee.startswith("Twilio."):
        return
    args = arguments.named_children
    if len(args) == 3 and "signalwireSpaceUrl" in file.rw.text(args[2]):
        return
    if len(args) != 2:
        file.rw.report(node, "SW141", API_KEY)
        return
    file.rw.splice(args[-1].end_byte, args[-1].end_byte, f", {file.space_dictionary()}")
    file.add_generic_using()


RULE: Rule[CSharpFile] = Rule(
    id="csharp/init",
    matches=("invocation_expression",),
    check=check,
    fix="TwilioClient.Init(sid, token) → TwilioClient.Init(sid, token, new Dictionary<string, object> { … })",
    constraints="TwilioClient.Init in a file using the Twilio namespace, or spelled Twilio.TwilioClient",
    codes=("SW141",),
    examples=(
        Example(
            "using System;\nusing Twilio;\n\nTwilioClient.Init(sid, token);\n",
            "using System;\nusing System.Collections.Generic;\nusing Twilio;\n\n"
            f'TwilioClient.Init(sid, token, new Dictionary<string, object> {{ ["signalwireSpaceUrl"] = {FROM_ENV} }});\n',
        ),
        Example(
            "using MyApp;\nclass A { void M() { TwilioClient.Init(sid, token); } }\n",
            "using MyApp;\nclass A { void M() { TwilioClient.Init(sid, token); } }\n",
        ),
    ),
    phase=1,
)
