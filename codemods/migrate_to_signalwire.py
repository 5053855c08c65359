"""LibCST codemod command: move Twilio client, TwiML and validator code to SignalWire.

Run it through ``sw-migrate codemod`` (parallel, pre-filtered, byte-preserving) or through LibCST's own
runner::

    python -m libcst.tool codemod --no-format -x \
        codemods.migrate_to_signalwire.MigrateToSignalWireCommand PATH

(``-x`` takes the dotted path as is; value options must follow the command name.)

The diff is kept as small as a correct migration allows: imports are repointed and keep the names the file
bound (``from twilio.rest import Client`` becomes ``from signalwire.rest import Client``), so call sites,
annotations and ``mock.patch("app.sms.Client")`` targets stay as they are; ``Client(sid, token)`` is left
byte-identical because signalwire's ``Client`` reads ``SIGNALWIRE_SPACE_URL`` itself.

Names are matched by qualified name (``QualifiedNameProvider``), never by spelling, so Django's test
``Client()``, a project's own ``TwilioClient`` class and local modules named ``twilio`` are left alone.
What cannot be migrated is reported as a :class:`~codemods.Finding` and marked with a comment.
"""

from __future__ import annotations

import argparse
from collections.abc import Generator, Iterable, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import TypeVar, cast

import libcst as cst
from libcst.codemod import CodemodContext, VisitorBasedCodemodCommand
from libcst.codemod.visitors import AddImportsVisitor
from libcst.metadata import MetadataWrapper, PositionProvider, QualifiedNameProvider, Scope, ScopeProvider

from codemods._checks import (
    Issue,
    attribute_issue,
    called_name_issue,
    client_call_issues,
    dotted,
    method_issue,
    patch_issue,
    resource_issue,
    text_issues,
)
from codemods._findings import RULES, Finding, marker_comment
from codemods._helper import helper_for, is_helper_file
from codemods._import_lines import Binding, with_imports
from codemods._import_placement import sort_signalwire_runs
from codemods._markers import add_markers, existing_comments, ignores_some_line, suppressed
from codemods._relevance import RelevanceProvider, relevant_statements, sdk_bound_names
from codemods._unused_imports import DropImports, expression_nodes, orphaned_imports, top_level_imports
from codemods._vocabulary import (
    CLIENT_CLASH_ALIAS,
    CLIENT_CLASSES,
    LEGACY_CLIENT_CLASSES,
    LEGACY_CLIENT_KEYWORDS,
    LEGACY_TWIML_RESPONSE,
    MESSAGING_VERBS,
    NINE_ONLY_MODULES,
    SPACE_URL_ENV,
    SPACE_URL_KEYWORD,
    TARGETS,
    Move,
    Target,
    moves_for,
    twiml_builder,
)
from migrate.selection import Selection

_REWRITTEN_CLIENTS = CLIENT_CLASSES | LEGACY_CLIENT_CLASSES

Statement = cst.SimpleStatementLine | cst.BaseCompoundStatement
_Node = TypeVar("_Node", bound=cst.CSTNode)


def _module_node(dotted: str) -> cst.Attribute | cst.Name:
    expression = cst.parse_expression(dotted)
    assert isinstance(expression, (cst.Attribute, cst.Name))
    return expression


class MigrateToSignalWireCommand(VisitorBasedCodemodCommand):
    """Rewrite Twilio REST clients, TwiML builders and validators for SignalWire; report the rest."""

    DESCRIPTION: str = (
        "Migrate Twilio client/TwiML/validator code to SignalWire (--target signalwire-sdk|twilio-sdk)."
    )
    #: Positions are resolved only for files with findings, at the end (see :meth:`_locate_findings`):
    #: ``PositionProvider`` costs about a third of qualified-name resolution, and most files need none.
    METADATA_DEPENDENCIES = (QualifiedNameProvider, ScopeProvider, RelevanceProvider)

    @staticmethod
    def add_args(arg_parser: argparse.ArgumentParser) -> None:
        """Options for ``python -m libcst.tool codemod``; mirror ``sw-migrate codemod``'s."""
        arg_parser.add_argument("--target", choices=TARGETS, default="signalwire-sdk")
        arg_parser.add_argument(
            "--space-url",
            dest="space_url",
            default=None,
            help=f"Space host (example.signalwire.com), passed as {SPACE_URL_KEYWORD}=; default: the "
            f"client reads {SPACE_URL_ENV} at run time.",
        )

    def __init__(
        self,
        context: CodemodContext,
        target: Target = "signalwire-sdk",
        space_url: str | None = None,
        selection: Selection | None = None,
    ) -> None:
        super().__init__(context)
        if target not in TARGETS:
            raise ValueError(f"unknown target {target!r}; choose from {', '.join(TARGETS)}")
        if space_url is not None and not space_url.strip():
            raise ValueError("the space URL must not be empty")
        if space_url is not None and any(char in space_url for char in "\"'\\\n"):
            raise ValueError("the space URL must not contain quotes, backslashes or newlines")
        self.target: Target = target
        self.space_url = space_url
        #: Codes ``--select``/``--ignore`` leave out are neither reported nor marked in the file.
        self.selection = selection or Selection()
        self.findings: list[Finding] = []
        self._found: dict[tuple[cst.CSTNode, str, str], bool] = {}  # (node, code, message) -> marked
        self._owns_tree = False
        self._all_scopes: set[Scope | None] = set()
        self._relevant: set[cst.CSTNode] = set()
        filename = context.filename or "<string>"
        helper = helper_for(filename).module
        # The helper module itself imports twilio's Client on purpose.
        own_helper = target == "twilio-sdk" and is_helper_file(filename)
        self._moves = {} if own_helper else moves_for(target, helper)
        #: Also recognised after a first run, so findings on client calls are stable across runs.
        self._any_client = _REWRITTEN_CLIENTS | {"signalwire.rest.Client", f"{helper}.Client"}
        self._statements: list[Statement] = []
        self._markers: dict[cst.CSTNode, list[str]] = {}
        self._attr_names: set[cst.Name] = set()
        self._import_depth = 0
        self._client_names: set[str] = set()
        self._scopes: list[cst.Module | cst.FunctionDef] = []
        self._pending_imports: dict[Binding, None] = {}
        self._beside: dict[cst.CSTNode, list[Binding]] = {}  # import line → bindings to add next to it
        self._existing: set[Binding] = set()  # top-level imports the module has (or has been given)
        self._parser_config = cst.PartialParserConfig()  # the module's, once visit_Module has seen it
        self._replaced: set[cst.CSTNode] = set()

    def transform_parsed(self, module: cst.Module) -> cst.Module:
        """:meth:`transform_module` for a tree the caller just parsed and will not reuse: metadata is
        resolved on it directly instead of on a deep copy (the copy costs a sixth of the resolution)."""
        self._owns_tree = True
        try:
            return self.transform_module(module)
        finally:
            self._owns_tree = False

    @contextmanager
    def _handle_metadata_reference(self, module: cst.Module) -> Generator[cst.Module, None, None]:
        """LibCST's own context (``Codemod._handle_metadata_reference``), minus the copy for owned trees."""
        if not self._owns_tree:
            with super()._handle_metadata_reference(module) as tree:
                yield tree
            return
        wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
        with self.resolve(wrapper):
            previous, self.context = self.context, replace(self.context, wrapper=wrapper)
            try:
                yield wrapper.module
            finally:
                self.context = previous

    # -- bookkeeping ------------------------------------------------------------------------------------

    def _add_import(self, module: str, name: str | None = None, asname: str | None = None) -> None:
        """Queue an import; :meth:`leave_Module` puts it where an orphaned import was, or at the top."""
        self._pending_imports[(module, name, asname)] = None

    def _qualified(self, node: cst.CSTNode) -> set[str]:
        return {name.name for name in self.get_metadata(QualifiedNameProvider, node, set())}

    def _report(self, node: cst.CSTNode, code: str, message: str) -> None:
        if (
            (node, code, message) in self._found
            or not self.selection.wants(code)
            or self._suppressed(node, code)
        ):
            return
        marker = marker_comment(code, message) if RULES[code].marker and self._statements else None
        marked = marker is not None and marker in existing_comments(self._statements[-1])
        self._found[(node, code, message)] = marked
        if marker is not None and not marked:
            markers = self._markers.setdefault(self._statements[-1], [])
            if marker not in markers:
                markers.append(marker)

    def _suppressed(self, node: cst.CSTNode, code: str) -> bool:
        """An ignore comment above the statement, or on the finding's own line; positions are resolved
        for the latter only in files that hold an ignore comment somewhere."""
        if suppressed(code, self._statements[-1] if self._statements else None, None, 0):
            return True
        module = self._scopes[0] if self._scopes and isinstance(self._scopes[0], cst.Module) else None
        if module is None or not ignores_some_line(module):
            return False
        wrapper = self.context.wrapper
        assert wrapper is not None  # set by transform_module for the whole traversal
        return suppressed(code, None, module, wrapper.resolve(PositionProvider)[node].start.line)

    def _locate_findings(self) -> None:
        """Turn what was reported into located findings, resolving positions only when there are some."""
        if not self._found:
            return
        wrapper = self.context.wrapper
        assert wrapper is not None  # set by transform_module for the whole traversal
        positions = wrapper.resolve(PositionProvider)
        path = self.context.filename or "<string>"
        for (node, code, message), marked in self._found.items():
            start = positions[node].start
            finding = Finding(path, start.line, start.column + 1, code, message, marked)
            if finding not in self.findings:
                self.findings.append(finding)
                self.warn(f"{finding.path}:{finding.line}:{finding.col}: {code} {message}")

    def _report_all(self, issues: Iterable[Issue | None]) -> None:
        for issue in issues:
            if issue is not None:
                self._report(*issue)

    # The traversal hooks call ``CSTTransformer``'s directly, skipping ``MatcherDecoratableTransformer``'s
    # per-node matcher bookkeeping: this command uses no matcher decorators, and that bookkeeping (on every
    # node and every node attribute) cost as much as the rest of the rewrite.

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            self._statements.append(node)
            # A statement with nothing relevant in it is left as it is: not entered, so not rebuilt.
            return cst.CSTTransformer.on_visit(self, node) and node in self._relevant
        return cst.CSTTransformer.on_visit(self, node)

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        """No per-attribute hooks (``visit_Call_args``-style) are defined here."""

    def on_leave_attribute(self, original_node: cst.CSTNode, attribute: str) -> None:
        """No per-attribute hooks (``leave_Call_args``-style) are defined here."""

    def on_leave(self, original_node: _Node, updated_node: _Node) -> _Node | cst.RemovalSentinel:
        result = cast(
            "_Node | cst.RemovalSentinel", cst.CSTTransformer.on_leave(self, original_node, updated_node)
        )
        if isinstance(original_node, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            self._statements.pop()
            comments = self._markers.pop(original_node, None)
            if comments and isinstance(result, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
                result = cast(_Node, add_markers(result, comments))
            beside = self._beside.pop(original_node, None)
            if beside and isinstance(result, cst.SimpleStatementLine):
                self._existing.update(beside)
                return cast(_Node, cst.FlattenSentinel(with_imports(result, beside, self._parser_config)))
        return result

    # -- scopes that change behaviour ------------------------------------------------------------------

    def visit_Module(self, node: cst.Module) -> None:
        self._all_scopes = cast("set[Scope | None]", set(self.metadata[ScopeProvider].values()))
        statements = cast("Mapping[cst.CSTNode, frozenset[str]]", self.metadata[RelevanceProvider])
        self._relevant = relevant_statements(statements, sdk_bound_names(self._all_scopes))
        self._scopes.append(node)
        self._existing = top_level_imports(node)
        self._parser_config = node.config_for_parsing

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        self._locate_findings()
        orphans = orphaned_imports(self._all_scopes, self._replaced) if self._replaced else set()
        additions = [binding for binding in self._pending_imports if binding not in self._existing]
        if orphans:
            dropper = DropImports(orphans, additions, updated_node.config_for_parsing)
            updated_node = updated_node.visit(dropper)
            additions = dropper.unplaced
        updated_node = sort_signalwire_runs(updated_node)
        for binding in additions:
            AddImportsVisitor.add_needed_import(self.context, *binding)
        return updated_node

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._scopes.append(node)

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        self._scopes.pop()
        return updated_node

    def visit_Assign(self, node: cst.Assign) -> None:
        if isinstance(node.value, cst.Call) and self._qualified(node.value.func) & self._any_client:
            for target in node.targets:
                self._client_names.add(dotted(target.target))

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
        module = dotted(node.module)
        if module.startswith(NINE_ONLY_MODULES):
            self._report(node, "SW150", f"{module} exists only in twilio 9.x")

    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.ImportFrom | cst.RemovalSentinel:
        self._import_depth -= 1
        if original_node.relative or isinstance(original_node.names, cst.ImportStar):
            return updated_node
        module = dotted(original_node.module)
        kept: list[cst.ImportAlias] = []
        groups: dict[str, list[cst.ImportAlias]] = {}
        for alias in original_node.names:
            move = self._moves.get(f"{module}.{dotted(alias.name)}")
            if move is None:
                kept.append(alias)
                continue
            bound = alias.evaluated_alias or alias.evaluated_name
            new_alias = alias.with_changes(
                name=cst.Name(move.name),
                asname=cst.AsName(cst.Name(bound)) if bound != move.name else None,
            )
            groups.setdefault(move.module, []).append(new_alias)
        if not groups:
            return updated_node
        in_place: tuple[str, list[cst.ImportAlias]] | None = None
        if not kept:
            in_place = next(iter(groups.items()))
            del groups[in_place[0]]
        beside = [
            (new_module, dotted(alias.name), alias.evaluated_alias)
            for new_module, aliases in groups.items()
            for alias in aliases
        ]
        if beside:  # new lines next to this one (see on_leave), unless the file already has them
            self._beside[self._statements[-1]] = [b for b in beside if b not in self._existing]
        if in_place is None:
            return updated_node.with_changes(names=_without_trailing_comma(kept, updated_node))
        # Renamed in place: a dotted use elsewhere needs no second import line for the same binding.
        self._existing.update(
            (in_place[0], dotted(alias.name), alias.evaluated_alias) for alias in in_place[1]
        )
        return updated_node.with_changes(
            module=_module_node(in_place[0]), names=_without_trailing_comma(in_place[1], updated_node)
        )

    # -- references ------------------------------------------------------------------------------------

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self._attr_names.add(node.attr)
        self._report_all(
            [attribute_issue(node, self._client_names), resource_issue(node, self._client_names)]
        )

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        if self._import_depth:
            return updated_node
        move = self._move_for(original_node)
        if move is None:
            return updated_node
        local = self._free_name(original_node, move)
        self._add_import(move.module, move.name, local if local != move.name else None)
        self._replaced.update(expression_nodes(original_node))
        return cst.Name(local, lpar=updated_node.lpar, rpar=updated_node.rpar)

    def _free_name(self, node: cst.CSTNode, move: Move) -> str:
        """``twilio.rest.Client(...)`` becomes ``Client(...)``, or an alias when ``Client`` means
        something else here or at module level (Django's test client, say)."""
        target = f"{move.module}.{move.name}"
        scope = self.get_metadata(ScopeProvider, node, None)
        for where in (scope, scope.globals if scope is not None else None):
            if where is None or move.name not in where:
                continue
            bound = {name.name for name in where.get_qualified_names_for(move.name)}
            if not any(name == target or self._moves.get(name) == move for name in bound):
                return CLIENT_CLASH_ALIAS if move.name == "Client" else f"SignalWire{move.name}"
        return move.name

    def _move_for(self, node: cst.CSTNode) -> Move | None:
        for name in sorted(self._qualified(node)):
            move = self._moves.get(name)
            if move is not None:
                return move
        return None

    # -- findings only -------------------------------------------------------------------------------

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        value = node.evaluated_value
        self._report_all(text_issues(node, value if isinstance(value, str) else node.value))

    def visit_FormattedStringText(self, node: cst.FormattedStringText) -> None:
        self._report_all(text_issues(node, node.value))

    def visit_Call(self, node: cst.Call) -> None:
        names = self._qualified(node.func)
        if names & self._any_client:
            legacy = bool(names & LEGACY_CLIENT_CLASSES)
            self._report_all(client_call_issues(node, legacy=legacy, target=self.target))
        self._report_all(called_name_issue(node, name, self.target) for name in sorted(names))
        self._report_all([patch_issue(node, self._moves), method_issue(node, self.target)])

    # -- rewrites of calls -----------------------------------------------------------------------------

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        names = self._qualified(original_node.func)
        if names & _REWRITTEN_CLIENTS:
            return self._rewrite_client_call(updated_node, legacy=bool(names & LEGACY_CLIENT_CLASSES))
        if names & LEGACY_TWIML_RESPONSE:
            builder = twiml_builder(self.target, messaging=_sends_messages(self._scopes[-1]))
            self._add_import(builder.module, builder.name)
            self._replaced.update(expression_nodes(original_node.func))
            return updated_node.with_changes(func=cst.Name(builder.name))
        return updated_node

    def _rewrite_client_call(self, updated: cst.Call, *, legacy: bool) -> cst.Call:
        """5.x keywords get their 6.x names; the space URL is passed only when the user gave one."""
        args = list(updated.args)
        if legacy:
            args = [
                arg.with_changes(keyword=cst.Name(LEGACY_CLIENT_KEYWORDS[arg.keyword.value]))
                if arg.keyword is not None and arg.keyword.value in LEGACY_CLIENT_KEYWORDS
                else arg
                for arg in args
            ]
        has_space = any(arg.keyword is not None and arg.keyword.value == SPACE_URL_KEYWORD for arg in args)
        if self.space_url is not None and self.target == "signalwire-sdk" and not has_space:
            args = _append_arg(
                args,
                cst.Arg(
                    keyword=cst.Name(SPACE_URL_KEYWORD),
                    value=cst.SimpleString(f'"{self.space_url}"'),
                    equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
                ),
            )
        if args == list(updated.args):
            return updated
        return updated.with_changes(args=args)


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
