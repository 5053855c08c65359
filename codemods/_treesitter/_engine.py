"""Span edits on a tree-sitter tree: everything outside an edited span keeps its bytes.

A recipe walks the syntax tree, records :class:`Edit` values (byte span → new bytes) and findings through a
:class:`Rewrite`, and never builds source text for code it did not change. Encoding, BOM, newline style and
comments therefore survive untouched, the way jscodeshift + recast reprint only what a transform touched.

Two guards make a rewrite never worse than leaving the file alone: a file whose tree already has errors is
reported and not edited, and after the edits the file is parsed again — if the new tree has error nodes,
every edit is dropped and the file is reported (``SW905``).
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass, field

import tree_sitter

from codemods._findings import RULES, Finding, marker_comment
from codemods._markers import ignores
from codemods._treesitter._languages import COMMENT_PREFIX, FAMILY_OF, Grammar, parser
from migrate.selection import Selection

#: Node types whose text spans lines that must never receive an inserted comment line.
_VERBATIM = ("string", "template", "heredoc", "comment", "nowdoc", "encapsed")


@dataclass(frozen=True, order=True)
class Edit:
    """Replace ``data[start:end]`` with ``text`` (an insertion when ``start == end``)."""

    start: int
    end: int
    text: bytes


class SyntaxErrors(Exception):
    """The file's tree has error or missing nodes; carries the first one's 1-based position."""

    def __init__(self, line: int, col: int, what: str) -> None:
        super().__init__(what)
        self.line, self.col, self.what = line, col, what


def first_error(root: tree_sitter.Node) -> tree_sitter.Node | None:
    """The first ERROR or MISSING node in document order, ``None`` for a clean tree."""
    if not root.has_error:
        return None
    stack = [root]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            return node
        stack.extend(child for child in reversed(node.children) if child.has_error or child.is_missing)
    return root


def walk(root: tree_sitter.Node) -> Iterator[tree_sitter.Node]:
    """Every named node in document order (an explicit stack: deep trees must not hit Python's limit)."""
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.named_children))


@dataclass
class Rewrite:
    """One file being migrated: its bytes, tree, the edits and findings a recipe has recorded so far."""

    data: bytes
    path: str
    grammar: Grammar
    tree: tree_sitter.Tree
    space_url: str | None = None
    #: Codes ``--select``/``--ignore`` leave out: not reported, no marker comment.
    selection: Selection = field(default_factory=Selection)
    edits: list[Edit] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    _markers: dict[int, list[bytes]] = field(default_factory=dict)

    @classmethod
    def parse(
        cls,
        data: bytes,
        path: str,
        grammar: Grammar,
        space_url: str | None = None,
        selection: Selection | None = None,
    ) -> Rewrite:
        """Parse *data*; raise :class:`SyntaxErrors` if the tree is not clean."""
        tree = parser(grammar).parse(data)
        error = first_error(tree.root_node)
        if error is not None:
            what = f"missing {error.type}" if error.is_missing else "unexpected code"
            raise SyntaxErrors(*_line_and_column(data, error), what)
        return cls(data, path, grammar, tree, space_url, selection or Selection())

    @property
    def root(self) -> tree_sitter.Node:
        return self.tree.root_node

    @property
    def newline(self) -> bytes:
        """The file's own line ending, used for any line a recipe inserts."""
        return b"\r\n" if b"\r\n" in self.data[: self.data.find(b"\n") + 1] else b"\n"

    def text(self, node: tree_sitter.Node) -> str:
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")

    def replace(self, node: tree_sitter.Node, text: str) -> None:
        """Replace *node*'s bytes with *text* (UTF-8)."""
        self.edits.append(Edit(node.start_byte, node.end_byte, text.encode()))

    def splice(self, start: int, end: int, text: str) -> None:
        """Replace ``data[start:end]`` with *text*."""
        self.edits.append(Edit(start, end, text.encode()))

    def position(self, node: tree_sitter.Node) -> tuple[int, int]:
        """1-based line and character column of *node*'s start."""
        return _line_and_column(self.data, node)

    def report(self, node: tree_sitter.Node, code: str, message: str) -> None:
        """Record a finding at *node*; codes that mark the source also get a comment above its statement."""
        if not self.selection.wants(code):
            return
        line, col = self.position(node)
        anchor = self._marker_position(node)
        if self._suppressed(code, node, anchor):
            return
        marked = False
        if RULES[code].marker:
            comment = marker_comment(code, message, COMMENT_PREFIX[FAMILY_OF[self.grammar]])
            if anchor is not None:
                marked = comment.encode() in self._comments_above(anchor)
                if not marked:
                    pending = self._markers.setdefault(anchor, [])
                    if comment.encode() not in pending:
                        pending.append(comment.encode())
        self.findings.append(Finding(self.path, line, col, code, message, marked))

    def _suppressed(self, code: str, node: tree_sitter.Node, anchor: int | None) -> bool:
        """An ignore comment for *code* on the finding's line or above its statement (where markers go)."""
        line_start = node.start_byte - node.start_point[1]
        line_end = self.data.find(b"\n", node.start_byte)
        line = self.data[line_start : line_end if line_end >= 0 else len(self.data)]
        above = self._comments_above(anchor) if anchor is not None else set()
        return any(ignores(text.decode("utf-8", "replace"), code) for text in (line, *above))

    def _marker_position(self, node: tree_sitter.Node) -> int | None:
        """Start of the line where *node*'s statement begins, if a comment line can safely go there."""
        statement = node
        while statement.parent is not None and not _is_statement_list(statement.parent):
            statement = statement.parent
        start = statement.start_byte
        line_start = self.data.rfind(b"\n", 0, start) + 1
        if self.data[line_start:start].strip(b" \t"):
            return None  # other code precedes it on the line (``<?php`` included): no safe place
        if any(_verbatim(ancestor) for ancestor in _enclosing(self.root, line_start)):
            return None
        return line_start

    def _comments_above(self, line_start: int) -> set[bytes]:
        """The stripped comment lines directly above the line starting at *line_start*."""
        prefix = COMMENT_PREFIX[FAMILY_OF[self.grammar]].encode()
        found: set[bytes] = set()
        end = line_start
        while end > 0:
            begin = self.data.rfind(b"\n", 0, end - 1) + 1
            line = self.data[begin:end].strip()
            if not line.startswith(prefix):
                break
            found.add(line)
            end = begin
        return found

    def result(self) -> bytes:
        """The edited bytes; raises :class:`ValueError` when the edits overlap."""
        edits = sorted(self.edits)
        for anchor, comments in self._markers.items():
            indent_end = anchor
            while indent_end < len(self.data) and self.data[indent_end : indent_end + 1] in (b" ", b"\t"):
                indent_end += 1
            indent = self.data[anchor:indent_end]
            lines = b"".join(indent + comment + self.newline for comment in comments)
            edits.append(Edit(anchor, anchor, lines))
        edits.sort(key=lambda edit: (edit.start, edit.end != edit.start))
        out: list[bytes] = []
        cursor = 0
        for edit in edits:
            if edit.start < cursor:
                raise ValueError(f"overlapping edits at byte {edit.start}")
            out.append(self.data[cursor : edit.start])
            out.append(edit.text)
            cursor = edit.end
        out.append(self.data[cursor:])
        return b"".join(out)


def _is_statement_list(node: tree_sitter.Node) -> bool:
    """Nodes whose children are statements or declarations, one after another."""
    return node.type in _STATEMENT_LISTS


_STATEMENT_LISTS = frozenset(
    {
        # JavaScript / TypeScript
        "program",
        "statement_block",
        "class_body",
        "switch_case",
        "switch_default",
        "export_statement",
        # PHP
        "compound_statement",
        "declaration_list",
        "case_statement",
        "default_statement",
        # Ruby
        "body_statement",
        "then",
        "else",
        "do",
        "block_body",
        "begin_block",
        # C#
        "compilation_unit",
        "block",
        "namespace_declaration",
        "file_scoped_namespace_declaration",
        "switch_section",
    }
)


def _enclosing(root: tree_sitter.Node, offset: int) -> Iterator[tree_sitter.Node]:
    """Nodes that strictly contain byte *offset* (it lies inside them, not on an edge)."""
    node: tree_sitter.Node | None = root
    while node is not None:
        inner = None
        for child in node.children:
            if child.start_byte < offset < child.end_byte:
                inner = child
                break
        if inner is None:
            return
        yield inner
        node = inner


def _verbatim(node: tree_sitter.Node) -> bool:
    return any(part in node.type for part in _VERBATIM)


def finish(rewrite: Rewrite) -> tuple[bytes, list[Finding]]:
    """Apply the recorded edits, keeping them only if the result parses as cleanly as the original."""
    if not rewrite.edits and not rewrite._markers:
        return rewrite.data, rewrite.findings
    new = rewrite.result()
    error = first_error(parser(rewrite.grammar).parse(new).root_node)
    if error is None:
        return new, rewrite.findings
    dropped = Finding(
        rewrite.path,
        *_line_and_column(new, error),
        "SW905",
        "rewrite dropped, file left unchanged: the edited file would not parse",
    )
    return rewrite.data, [*rewrite.findings, dropped]


def _line_and_column(data: bytes, node: tree_sitter.Node) -> tuple[int, int]:
    """1-based line and character column of *node*'s start in *data*, as an editor shows them: tree-sitter
    counts bytes, and a byte-order mark (which no editor shows) is no column."""
    row, column = node.start_point
    line_start = node.start_byte - column
    before = data[line_start : node.start_byte]
    if line_start == 0:
        before = before.removeprefix(codecs.BOM_UTF8)
    return row + 1, len(before.decode("utf-8", "replace")) + 1
