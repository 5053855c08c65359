"""What to report, decided per node: pure functions from syntax (plus qualified names) to issues.

The codemod command owns traversal, rewriting and markers; this module only answers "is there something a
human must look at here, and what do we tell them". Keeping the rules apart makes each one a few lines that
read like the finding table in the README.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

import libcst as cst
from libcst.helpers import get_full_name_for_node

from codemods._spec_surface import (
    TWILIO_ACCOUNT_RESOURCES,
    TWILIO_CALL_RESOURCES,
    missing_account_resources,
    missing_call_resources,
)
from codemods._vocabulary import (
    LEGACY_ONLY_KEYWORDS,
    LEGACY_PRODUCT_CLIENTS,
    LEGACY_RESOURCES,
    LEGACY_TWIML_RESPONSE,
    NINE_ONLY_BUILDER_METHODS,
    NINE_ONLY_KEYWORDS,
    NINE_ONLY_VOICE_NOUNS,
    REGION_ENV_VARS,
    REGION_KEYWORDS,
    REQUEST_VALIDATORS,
    TOKEN_APIS,
    UNSUPPORTED_PRODUCTS,
    Target,
)
from migrate.hosted import hosted_in_text

Issue = tuple[cst.CSTNode, str, str]  # (where, code, message)

_VALIDATORS = REQUEST_VALIDATORS | {"signalwire.request_validator.RequestValidator"}
#: Fragments of variable names that suggest an API key: only ever a reason to ask the user to check, since
#: a name says what a programmer called it, not what it holds (``_secret`` often holds the auth token).
_API_KEY_NAMES = ("api_key", "apikey", "key_sid")
_API_KEY_SID = re.compile(r"""^[rRuU]?(["'])SK[0-9a-fA-F]{32}\1$""")
_CREDENTIAL_KEYWORDS = frozenset({"username", "password", "account_sid", "account", "token"})


def dotted(node: cst.BaseExpression | None) -> str:
    """``a.b.c`` for names, attributes and calls of them; empty for anything else."""
    return (get_full_name_for_node(node) or "") if node is not None else ""


def is_clientish(node: cst.BaseExpression, client_names: set[str]) -> bool:
    """``client``, ``self.twilio_client``, ``Client(...)`` or a target a client call is assigned to.

    Only the client object itself: ``client.api`` is not a client, so ``client.api.accounts`` (the
    Compatibility API's own Accounts resource) is never taken for ``client.accounts`` (Twilio's v1 API).
    """
    name = dotted(node)
    return "client" in name.rsplit(".", 1)[-1].lower() or name in client_names


def attribute_issue(node: cst.Attribute, client_names: set[str]) -> Issue | None:
    """``client.verify`` (product SignalWire lacks) or ``client.sms`` (5.x resource) on a client."""
    name = node.attr.value
    if name in UNSUPPORTED_PRODUCTS and is_clientish(node.value, client_names):
        product = UNSUPPORTED_PRODUCTS[name]
        return node, "SW100", f".{name}: Twilio {product} is not part of SignalWire's Compatibility API"
    if name in LEGACY_RESOURCES and is_clientish(node.value, client_names):
        return node, "SW144", f".{name} is the twilio 5.x API; use {LEGACY_RESOURCES[name]}"
    return None


def _account_level(node: cst.BaseExpression, client_names: set[str]) -> bool:
    """A client, or the account it acts on: ``client``, ``client.api``, ``client.api.v2010.account``,
    ``client.api.accounts(sid)``."""
    while True:
        if (
            isinstance(node, cst.Call)
            and isinstance(node.func, cst.Attribute)
            and node.func.attr.value == "accounts"
        ):
            node = node.func.value
        elif isinstance(node, cst.Attribute) and node.attr.value in ("api", "v2010", "account"):
            node = node.value
        else:
            return is_clientish(node, client_names)


def resource_issue(node: cst.Attribute, client_names: set[str]) -> Issue | None:
    """``client.addresses``, ``client.api.account.usage``, ``client.calls(sid).payments``: twilio resources
    the Compatibility API spec leaves out (from the contract data, see :mod:`codemods._spec_surface`)."""
    name = node.attr.value
    if name in TWILIO_ACCOUNT_RESOURCES and _account_level(node.value, client_names):
        why = missing_account_resources().get(name)
    elif (
        name in TWILIO_CALL_RESOURCES
        and isinstance(node.value, cst.Call)
        and isinstance(node.value.func, cst.Attribute)
        and node.value.func.attr.value == "calls"
        and _account_level(node.value.func.value, client_names)
    ):
        why = missing_call_resources().get(name)
    else:
        return None
    if why is None:
        return None
    return node, "SW103", f".{name}: {why}; SignalWire's Compatibility API does not offer it"


def text_issues(node: cst.CSTNode, text: str) -> Iterator[Issue]:
    """Twilio-hosted URLs anywhere in a string (the table in :mod:`migrate.hosted`); region/edge variables."""
    hosted = hosted_in_text(text)
    if hosted:
        yield node, "SW110", f"Twilio-hosted URL {hosted[0]} ({hosted[2]}): host what it serves yourself"
    if text in REGION_ENV_VARS:
        yield node, "SW140", f"{text} would redirect the client away from the space"


def called_name_issue(node: cst.Call, name: str, target: Target) -> Issue | None:
    """A call of a qualified name that needs a human: legacy product clients, tokens, validators, ..."""
    short = name.rsplit(".", 1)[-1]
    if name in LEGACY_PRODUCT_CLIENTS:
        return node, "SW101", f"{short}: Twilio {LEGACY_PRODUCT_CLIENTS[name]} has no SignalWire API"
    if name.startswith(TOKEN_APIS):
        return node, "SW102", f"{name}: Twilio client-SDK tokens do not work with SignalWire"
    if name in _VALIDATORS:
        return (
            node,
            "SW120",
            "RequestValidator: pass the SignalWire Signing Key and check X-SignalWire-Signature",
        )
    if name in LEGACY_TWIML_RESPONSE:
        return node, "SW160", "5.x twiml.Response() rewritten: check the verb calls on it"
    if (
        target == "signalwire-sdk"
        and name.startswith("twilio.twiml.voice_response.")
        and short in NINE_ONLY_VOICE_NOUNS
    ):
        return node, "SW150", f"{short} exists only in twilio 9.x TwiML"
    return None


def method_issue(node: cst.Call, target: Target) -> Issue | None:
    """twilio 9.x-only builder methods and ``*_async`` client calls, for the target pinned to 6.54."""
    if target != "signalwire-sdk" or not isinstance(node.func, cst.Attribute):
        return None
    method = node.func.attr.value
    if method in NINE_ONLY_BUILDER_METHODS or (
        method.endswith("_async") and "client" in dotted(node.func.value).lower()
    ):
        return node, "SW150", f".{method}() exists only in twilio 9.x"
    return None


def patch_issue(node: cst.Call, moved: Collection[str]) -> Issue | None:
    """``mock.patch("twilio.rest.Client")``: a name the migration moves, so the patch no longer reaches it.

    Only targets naming a moved name (*moved*: the qualified names the target's moves replace) or something
    inside one: ``patch("app.gateways.sms.Client")`` names the project's own module, whose local names the
    migration keeps, and ``patch("twilio.rest.api.v2010.account.message.MessageList.create")`` names a
    twilio class the migrated client still calls through, so both still patch what the code runs.
    """
    if not dotted(node.func).endswith("patch") or not node.args:
        return None
    first = node.args[0].value
    if not isinstance(first, cst.SimpleString):
        return None
    target = first.evaluated_value
    if isinstance(target, str) and any(target == name or target.startswith(name + ".") for name in moved):
        return first, "SW130", f"mock.patch target {first.value} names a Twilio path: update it by hand"
    return None


def client_call_issues(node: cst.Call, *, legacy: bool, target: Target) -> Iterator[Issue]:
    """Constructor arguments that cannot carry over: region/edge, API keys, 9.x/5.x-only options."""
    keywords = {arg.keyword.value: arg for arg in node.args if arg.keyword is not None}
    positional = [arg for arg in node.args if arg.keyword is None and not arg.star]
    for keyword, arg in keywords.items():
        if keyword in REGION_KEYWORDS:
            yield arg, "SW140", f"{keyword}= would point the client at a Twilio region, not the space"
        elif keyword in NINE_ONLY_KEYWORDS and target == "signalwire-sdk":
            yield arg, "SW150", f"{keyword}= exists only in twilio 9.x"
        elif legacy and keyword in LEGACY_ONLY_KEYWORDS:
            yield arg, "SW143", f"{keyword}= is a twilio 5.x option; remove it or use http_client="
    yield from _credential_issues(node, positional, keywords)
    if (
        not positional
        and not any(arg.star for arg in node.args)
        and not keywords.keys() & _CREDENTIAL_KEYWORDS
    ):
        yield (
            node,
            "SW142",
            "credentials come from TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN: set them to project ID/token",
        )


def _credential_issues(
    node: cst.Call, positional: list[cst.Arg], keywords: dict[str, cst.Arg]
) -> Iterator[Issue]:
    """The API-key form is decided by the call's shape: a third positional or ``account_sid=`` is the
    account an API key acts on, and an ``SK…`` literal is a key SID. Variable names only earn a "check"."""
    first = positional[0] if positional else keywords.get("username", keywords.get("account"))
    key_literal = (
        first is not None
        and isinstance(first.value, cst.SimpleString)
        and _API_KEY_SID.match(first.value.value) is not None
    )
    if len(positional) >= 3 or "account_sid" in keywords or key_literal:
        yield node, "SW141", "API key + secret credentials: use the project ID and API token"
        return
    credentials = positional[:2] + [keywords[k] for k in ("username", "password") if k in keywords]
    for arg in credentials:
        name = dotted(arg.value)
        if any(fragment in name.lower() for fragment in _API_KEY_NAMES):
            yield (
                arg,
                "SW145",
                f"check the credentials: {name} is named like an API key; SignalWire takes the project ID "
                "and API token",
            )
            return
