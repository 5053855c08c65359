"""``using Twilio.…`` lines SignalWire has no counterpart for: access tokens (SW102), request validation
(SW120), ``Twilio.AspNet`` (SW105: that package depends on the Twilio package), products (SW100) and
resources (SW104) the Compatibility API lacks."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter._common import check_namespace
from codemods._treesitter._vocabulary import UNLISTED_RESOURCES, missing_message
from codemods._treesitter.rules._rule import Example, Rule
from codemods._treesitter.rules.csharp._file import CSharpFile


def check(file: CSharpFile, using: tree_sitter.Node) -> None:
    name = file.using_name(using)
    parts = name.split(".")
    check_namespace(file.rw, using, parts, ".")
    if parts[:2] == ["Twilio", "AspNet"]:
        message = f"`{name}` comes from the Twilio.AspNet package, which depends on the Twilio package"
        file.rw.report(using, "SW105", message)
    elif parts[:4] == ["Twilio", "Rest", "Api", "V2010"] and parts[4:6] in (
        ["Account", "Sip"],
        ["Account", "Usage"],
    ):
        what = UNLISTED_RESOURCES[parts[5].lower()]
        file.rw.report(using, "SW104", missing_message(parts[5], "SW104", what))


RULE: Rule[CSharpFile] = Rule(
    id="csharp/using",
    matches=("using_directive",),
    check=check,
    fix="",
    constraints="a using of a Twilio namespace with no SignalWire counterpart",
    codes=("SW100", "SW102", "SW104", "SW105", "SW120"),
    examples=(
        Example(
            "using Twilio.AspNet.Core;\nusing Twilio.Rest.Api.V2010.Account.Sip;\n",
            "// sw-migrate: SW105 `Twilio.AspNet.Core` comes from the Twilio.AspNet package, which depends on the"
            " Twilio package\nusing Twilio.AspNet.Core;\n// sw-migrate: SW104 `Sip` (SIP domains and credential"
            " lists) is not part of the Compatibility API spec: check SignalWire supports it\n"
            "using Twilio.Rest.Api.V2010.Account.Sip;\n",
            ("SW105", "SW104"),
        ),
        Example("using MyApp.Twilio.Jwt;\n", "using MyApp.Twilio.Jwt;\n"),
    ),
)
