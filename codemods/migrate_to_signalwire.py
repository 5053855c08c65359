"""LibCST codemod command: move Twilio client, TwiML and validator code to SignalWire.

Run it through ``sw-migrate codemod`` (parallel, pre-filtered, byte-preserving) or through LibCST's own
runner::

    python -m libcst.tool codemod --no-format -x \
        codemods.migrate_to_signalwire.MigrateToSignalWireCommand --space-url example.signalwire.com PATH

(``-x`` takes the dotted path as is; value options must follow the command name.)

Names are matched by qualified name (``QualifiedNameProvider``), never by spelling, so Django's test
``Client()``, a project's own ``TwilioClient`` class and local modules named ``twilio`` are left alone.
What cannot be migrated is reported as a :class:`~codemods.Finding` and marked with a comment.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TypeVar, cast

import libcst as cst
from libcst.codemod import CodemodContext, VisitorBasedCodemodCommand
from libcst.codemod.visitors import AddImportsVisitor
from libcst.helpers import get_full_name_for_node
from libcst.metadata import PositionProvider, QualifiedNameProvider, Scope, ScopeProvider

from codemods._findings import RULES, Finding, marker_comment
from codemods._helper import insert_helper, is_helper
from codemods._markers import add_markers
from codemods._unused_imports import (
    Binding,
    DropImports,
    expression_nodes,
    orphaned_imports,
    top_level_imports,
)
from codemods._vocabulary import (
    CLIENT_CLASSES,
    CLIENT_NAME,
    HOSTED_URL,
    LEGACY_CLIENT_CLASSES,
    LEGACY_CLIENT_KEYWORDS,
    LEGACY_ONLY_KEYWORDS,
    LEGACY_PRODUCT_CLIENTS,
    LEGACY_RESOURCES,
    LEGACY_TWIML_RESPONSE,
    MESSAGING_VERBS,
    NINE_ONLY_BUILDER_METHODS,
    NINE_ONLY_KEYWORDS,
    NINE_ONLY_MODULES,
    NINE_ONLY_VOICE_NOUNS,
    REGION_ENV_VARS,
    REGION_KEYWORDS,
    REQUEST_VALIDATORS,
    SPACE_URL_ENV,
    SPACE_URL_KEYWORD,
    TARGETS,
    TOKEN_APIS,
    UNSUPPORTED_PRODUCTS,
    Move,
    Target,
    moves_for,
    twiml_builder,
)

_REWRITTEN_CLIENTS = CLIENT_CLASSES | LEGACY_CLIENT_CLASSES
#: Also recognised after a first run, so findings on client calls are stable across runs.
_ANY_CLIENT = _REWRITTEN_CLIENTS | {"signalwire.rest.Client", CLIENT_NAME}
_ANY_VALIDATOR = REQUEST_VALIDATORS | {"signalwire.request_validator.RequestValidator"}
#: Variable names that give away API-key credentials even in the two-argument form.
_API_KEY_NAMES = ("api_key", "apikey", "key_sid", "secret")
_CREDENTIAL_KEYWORDS = frozenset({"username", "password", "account_sid", "account", "token"})

Statement = cst.SimpleStatementLine | cst.BaseCompoundStatement
_Node = TypeVar("_Node", bound=cst.CSTNode)


def _dotted(node: cst.BaseExpression | None) -> str:
    return (get_full_name_for_node(node) or "") if node is not None else ""


def _module_node(dotted: str) -> cst.Attribute | cst.Name:
    expression = cst.parse_expression(dotted)
    assert isinstance(expression, (cst.Attribute, cst.Name))
    return expression


def _is_clientish(node: cst.BaseExpression, client_names: set[str]) -> bool:
    """``client``, ``self.twilio_client``, ``Client(...)``: the receiver of a product attribute."""
    parts = _dotted(node).split(".")
    return "client" in parts[-1].lower() or parts[0] in client_names


class MigrateToSignalWireCommand(VisitorBasedCodemodCommand):
    """Rewrite Twilio REST clients, TwiML builders and validators for SignalWire; report the rest."""

    DESCRIPTION: str = (
        "Migrate Twilio client/TwiML/validator code to SignalWire (--target signalwire-sdk|twilio-sdk)."
    )
    METADATA_DEPENDENCIES = (QualifiedNameProvider, PositionProvider, ScopeProvider)

    @staticmethod
    def add_args(arg_parser: argparse.ArgumentParser) -> None:
        """Options for ``python -m libcst.tool codemod``; mirror ``sw-migrate codemod``'s."""
        arg_parser.add_argument("--target", choices=TARGETS, default="signalwire-sdk")
        arg_parser.add_argument(
            "--space-url",
            dest="space_url",
            default=None,
            help=f"Space host (example.signalwire.com); default: os.environ[{SPACE_URL_ENV!r}] at run time.",
        )

    def __init__(
        self, context: CodemodContext, target: Target = "signalwire-sdk", space_url: str | None = None
    ) -> None:
        super().__init__(context)
        if target not in TARGETS:
            raise ValueError(f"unknown target {target!r}; choose from {', '.join(TARGETS)}")
        if space_url is not None and any(char in space_url for char in "\"'\\\n"):
            raise ValueError("the space URL must not contain quotes, backslashes or newlines")
        self.target: Target = target
        self.space_url = space_url
        self.findings: list[Finding] = []
        self._moves = moves_for(target)
        self._statements: list[Statement] = []
        self._markers: dict[cst.CSTNode, list[str]] = {}
        self._attr_names: set[cst.Name] = set()
        self._import_depth = 0
        self._in_helper = False
        self._needs_helper = False
        self._client_names: set[str] = set()
        self._scopes: list[cst.Module | cst.FunctionDef] = []
        self._pending_imports: dict[Binding, None] = {}
        self._replaced: set[cst.CSTNode] = set()

    # -- bookkeeping ------------------------------------------------------------------------------------

    def _add_import(self, module: str, name: str | None = None, asname: str | None = None) -> None:
        """Queue an import; :meth:`leave_Module` puts it where an orphaned import was, or at the top."""
        self._pending_imports[(module, name, asname)] = None

    def _qualified(self, node: cst.CSTNode) -> set[str]:
        return {name.name for name in self.get_metadata(QualifiedNameProvider, node, set())}

    def _report(self, node: cst.CSTNode, code: str, message: str) -> None:
        start = self.get_metadata(PositionProvider, node).start
        finding = Finding(self.context.filename or "<string>", start.line, start.column + 1, code, message)
        if finding in self.findings:
            return
        self.findings.append(finding)
        self.warn(f"{finding.path}:{finding.line}:{finding.col}: {code} {message}")
        if RULES[code].marker and self._statements:
            self._markers.setdefault(self._statements[-1], []).append(marker_comment(code, message))

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            self._statements.append(node)
        return super().on_visit(node)

    def on_leave(self, original_node: _Node, updated_node: _Node) -> _Node | cst.RemovalSentinel:
        result = super().on_leave(original_node, updated_node)
        if isinstance(original_node, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            self._statements.pop()
            comments = self._markers.pop(original_node, None)
            if comments and isinstance(result, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
                return cast(_Node, add_markers(result, comments))
        return result

    # -- scopes that change behaviour ------------------------------------------------------------------

    def visit_Module(self, node: cst.Module) -> None:
        self._scopes.append(node)

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        scopes = cast("set[Scope | None]", set(self.metadata[ScopeProvider].values()))
        orphans = orphaned_imports(scopes, self._replaced) if self._replaced else set()
        existing = top_level_imports(original_node)
        additions = [binding for binding in self._pending_imports if binding not in existing]
        if orphans:
            dropper = DropImports(orphans, additions, updated_node.config_for_parsing)
            updated_node = updated_node.visit(dropper)
            additions = dropper.unplaced
        for module, name, asname in additions:
            AddImportsVisitor.add_needed_import(self.context, module, name, asname)
        if self._needs_helper:
            return insert_helper(updated_node)
        return updated_node

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if is_helper(node) and len(self._statements) == 1:
            self._in_helper = True
        self._scopes.append(node)

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        if is_helper(original_node) and len(self._statements) == 1:
            self._in_helper = False
        self._scopes.pop()
        return updated_node

    def visit_Assign(self, node: cst.Assign) -> None:
        if isinstance(node.value, cst.Call) and self._qualified(node.value.func) & _ANY_CLIENT:
            for target in node.targets:
                self._client_names.add(_dotted(target.target).split(".")[0])

    # -- imports ---------------------------------------------------------------------------------------

    def visit_Import(self, node: cst.Import) -> None:
        self._import_depth += 1

    def leave_Import(self, original_node: cst.Import, updated_node: cst.Import) -> cst.Import:
        self._import_depth -= 1
        return updated_node

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self._import_depth += 1
        if node.relative or self.target != "signalwire-sdk":
            return
        module = _dotted(node.module)
        if module.startswith(NINE_ONLY_MODULES):
            self._report(node, "SW150", f"{module} exists only in twilio 9.x")

    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.ImportFrom | cst.RemovalSentinel:
        self._import_depth -= 1
        if original_node.relative or isinstance(original_node.names, cst.ImportStar):
            return updated_node
        module = _dotted(original_node.module)
        kept: list[cst.ImportAlias] = []
        groups: dict[str, list[cst.ImportAlias]] = {}
        for alias in original_node.names:
            move = self._moves.get(f"{module}.{_dotted(alias.name)}")
            if move is None:
                kept.append(alias)
                continue
            bound = alias.evaluated_alias or alias.evaluated_name
            local = move.local or bound
            new_alias = alias.with_changes(
                name=cst.Name(move.name),
                asname=cst.AsName(cst.Name(local)) if local != move.name else None,
            )
            groups.setdefault(move.module, []).append(new_alias)
        if not groups:
            return updated_node
        in_place: tuple[str, list[cst.ImportAlias]] | None = None
        if not kept:
            in_place = next(iter(groups.items()))
            del groups[in_place[0]]
        for new_module, aliases in groups.items():
            for alias in aliases:
                self._add_import(new_module, _dotted(alias.name), alias.evaluated_alias)
        if in_place is None:
            return updated_node.with_changes(names=_without_trailing_comma(kept, updated_node))
        return updated_node.with_changes(
            module=_module_node(in_place[0]), names=_without_trailing_comma(in_place[1], updated_node)
        )

    # -- references ------------------------------------------------------------------------------------

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self._attr_names.add(node.attr)
        name = node.attr.value
        if name not in UNSUPPORTED_PRODUCTS and name not in LEGACY_RESOURCES:
            return
        if not _is_clientish(node.value, self._client_names):
            return
        if name in UNSUPPORTED_PRODUCTS:
            product = UNSUPPORTED_PRODUCTS[name]
            self._report(
                node, "SW100", f".{name}: Twilio {product} is not part of SignalWire's Compatibility API"
            )
        else:
            self._report(node, "SW144", f".{name} is the twilio 5.x API; use {LEGACY_RESOURCES[name]}")

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        if self._import_depth or self._in_helper:
            return updated_node
        move = self._move_for(original_node)
        if move is None:
            return updated_node
        local = move.local or move.name
        self._add_import(move.module, move.name, local if local != move.name else None)
        self._replaced.update(expression_nodes(original_node))
        return cst.Name(local, lpar=updated_node.lpar, rpar=updated_node.rpar)

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        if self._import_depth or self._in_helper or original_node in self._attr_names:
            return updated_node
        move = self._move_for(original_node)
        if move is None or move.local is None or move.local == updated_node.value:
            return updated_node
        return updated_node.with_changes(value=move.local)

    def _move_for(self, node: cst.CSTNode) -> Move | None:
        for name in sorted(self._qualified(node)):
            move = self._moves.get(name)
            if move is not None:
                return move
        return None

    # -- strings ---------------------------------------------------------------------------------------

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self._check_text(node, node.value)

    def visit_FormattedStringText(self, node: cst.FormattedStringText) -> None:
        self._check_text(node, node.value)

    def _check_text(self, node: cst.CSTNode, text: str) -> None:
        url = HOSTED_URL.search(text)
        if url:
            self._report(node, "SW110", f"Twilio-hosted URL {url.group(0)}: host this content yourself")
        variable = text.strip("\"'rbuRBU")
        if variable in REGION_ENV_VARS:
            self._report(node, "SW140", f"{variable} would redirect the client away from the space")

    # -- calls -----------------------------------------------------------------------------------------

    def visit_Call(self, node: cst.Call) -> None:
        if self._in_helper:
            return
        names = self._qualified(node.func)
        if names & _ANY_CLIENT:
            self._check_client_call(node, legacy=bool(names & LEGACY_CLIENT_CLASSES))
        for name in names:
            self._check_called_name(node, name)
        self._check_patch(node)
        if isinstance(node.func, cst.Attribute) and self.target == "signalwire-sdk":
            method = node.func.attr.value
            if method in NINE_ONLY_BUILDER_METHODS or (
                method.endswith("_async") and "client" in _dotted(node.func.value).lower()
            ):
                self._report(node, "SW150", f".{method}() exists only in twilio 9.x")

    def _check_called_name(self, node: cst.Call, name: str) -> None:
        if name in LEGACY_PRODUCT_CLIENTS:
            product = LEGACY_PRODUCT_CLIENTS[name]
            self._report(node, "SW101", f"{name.rsplit('.', 1)[1]}: Twilio {product} has no SignalWire API")
        elif name.startswith(TOKEN_APIS):
            self._report(node, "SW102", f"{name}: Twilio client-SDK tokens do not work with SignalWire")
        elif name in _ANY_VALIDATOR:
            self._report(
                node,
                "SW120",
                "RequestValidator: pass the SignalWire Signing Key and check X-SignalWire-Signature",
            )
        elif name in LEGACY_TWIML_RESPONSE:
            self._report(node, "SW160", "5.x twiml.Response() rewritten: check the verb calls on it")
        elif (
            self.target == "signalwire-sdk"
            and name.startswith("twilio.twiml.voice_response.")
            and name.rsplit(".", 1)[1] in NINE_ONLY_VOICE_NOUNS
        ):
            self._report(node, "SW150", f"{name.rsplit('.', 1)[1]} exists only in twilio 9.x TwiML")

    def _check_client_call(self, node: cst.Call, *, legacy: bool) -> None:
        keywords = {arg.keyword.value: arg for arg in node.args if arg.keyword is not None}
        positional = [arg for arg in node.args if arg.keyword is None and not arg.star]
        for keyword, arg in keywords.items():
            if keyword in REGION_KEYWORDS:
                self._report(
                    arg, "SW140", f"{keyword}= would point the client at a Twilio region, not the space"
                )
            elif keyword in NINE_ONLY_KEYWORDS and self.target == "signalwire-sdk":
                self._report(arg, "SW150", f"{keyword}= exists only in twilio 9.x")
            elif legacy and keyword in LEGACY_ONLY_KEYWORDS:
                self._report(
                    arg, "SW143", f"{keyword}= is a twilio 5.x option; remove it or use http_client="
                )
        named_like_a_key = any(
            fragment in _dotted(arg.value).lower() for arg in positional[:2] for fragment in _API_KEY_NAMES
        )
        if len(positional) >= 3 or "account_sid" in keywords or named_like_a_key:
            self._report(node, "SW141", "API key + secret credentials: use the project ID and API token")
        if (
            not positional
            and not any(arg.star for arg in node.args)
            and not keywords.keys() & _CREDENTIAL_KEYWORDS
        ):
            self._report(
                node,
                "SW142",
                "credentials come from TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN: set them to project ID/token",
            )

    def _check_patch(self, node: cst.Call) -> None:
        if not _dotted(node.func).endswith("patch") or not node.args:
            return
        first = node.args[0].value
        if isinstance(first, cst.SimpleString) and "twilio" in first.value.lower():
            self._report(
                first, "SW130", f"mock.patch target {first.value} names a Twilio path: update it by hand"
            )

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        if self._in_helper:
            return updated_node
        names = self._qualified(original_node.func)
        if names & _REWRITTEN_CLIENTS:
            return self._rewrite_client_call(
                original_node, updated_node, legacy=bool(names & LEGACY_CLIENT_CLASSES)
            )
        if names & LEGACY_TWIML_RESPONSE:
            builder = twiml_builder(self.target, messaging=_sends_messages(self._scopes[-1]))
            self._add_import(builder.module, builder.name)
            self._replaced.update(expression_nodes(original_node.func))
            return updated_node.with_changes(func=cst.Name(builder.name))
        return updated_node

    def _rewrite_client_call(self, original: cst.Call, updated: cst.Call, *, legacy: bool) -> cst.Call:
        args = list(updated.args)
        if legacy:
            args = [
                arg.with_changes(keyword=cst.Name(LEGACY_CLIENT_KEYWORDS[arg.keyword.value]))
                if arg.keyword is not None and arg.keyword.value in LEGACY_CLIENT_KEYWORDS
                else arg
                for arg in args
            ]
        if not any(arg.keyword is not None and arg.keyword.value == SPACE_URL_KEYWORD for arg in args):
            args = _append_arg(
                args,
                cst.Arg(
                    keyword=cst.Name(SPACE_URL_KEYWORD),
                    value=self._space_url(),
                    equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
                ),
            )
        func = updated.func
        if self.target == "twilio-sdk":
            self._replaced.update(expression_nodes(original.func))
            func = cst.Name(CLIENT_NAME)
            self._needs_helper = True
        return updated.with_changes(func=func, args=args)

    def _space_url(self) -> cst.BaseExpression:
        if self.space_url is not None:
            return cst.SimpleString(f'"{self.space_url}"')
        self._add_import("os")
        return cst.parse_expression(f'os.environ["{SPACE_URL_ENV}"]')


class _MessageCallFinder(cst.CSTVisitor):
    """Finds ``x.message(...)``: the 5.x ``Response`` it is called on builds an SMS reply."""

    def __init__(self) -> None:
        super().__init__()
        self.found = False

    def visit_Call(self, node: cst.Call) -> bool:
        if isinstance(node.func, cst.Attribute) and node.func.attr.value in MESSAGING_VERBS:
            self.found = True
        return not self.found


def _sends_messages(scope: cst.Module | cst.FunctionDef) -> bool:
    """Computed only for scopes holding a 5.x ``twiml.Response()``, so ordinary files never pay for it."""
    finder = _MessageCallFinder()
    scope.visit(finder)
    return finder.found


def _without_trailing_comma(
    aliases: Sequence[cst.ImportAlias], node: cst.ImportFrom
) -> list[cst.ImportAlias]:
    """Drop a dangling comma left by removed names (kept inside parentheses, where it is legal)."""
    result = list(aliases)
    if result and node.lpar is None and isinstance(result[-1].comma, cst.Comma):
        result[-1] = result[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return result


def _append_arg(args: list[cst.Arg], new: cst.Arg) -> list[cst.Arg]:
    """Append *new* keeping the layout: one-line calls get ``, x``; exploded calls stay one per line."""
    if not args:
        return [new]
    last = args[-1]
    separator = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    if len(args) >= 2 and isinstance(args[-2].comma, cst.Comma):
        separator = args[-2].comma
        spacing = separator.whitespace_after
        if isinstance(spacing, cst.ParenthesizedWhitespace):  # copy the line break, not its comment
            separator = separator.with_changes(
                whitespace_after=spacing.with_changes(first_line=cst.TrailingWhitespace(), empty_lines=[])
            )
    if isinstance(last.comma, cst.Comma):
        return [*args[:-1], last.with_changes(comma=separator), new.with_changes(comma=last.comma)]
    return [*args[:-1], last.with_changes(comma=separator), new]
