"""The plan and the report, for people (a rich table, one line per outcome) and for machines (JSON).

One JSON shape serves ``--format json`` and ``--report FILE``: every action with its changes, notes and —
after an apply — its outcome and the API error that failed it. No token can appear: the documents are built
only from resource fields and :meth:`ApiError.to_dict`, which never hold credentials.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

from migrate.output import pluralize
from migrate.rest import ApiError
from migrate.sync.apply import Outcome
from migrate.sync.model import SINGULAR, Value
from migrate.sync.plan import Action, Change, Desired, Plan, Ref, show_value

#: Outcome of a non-write action in the report.
NOT_WRITTEN = {"unchanged": "unchanged", "skip": "skipped"}


def _json_value(value: Desired) -> Value | dict[str, str]:
    if isinstance(value, Ref):
        return {"pending": value.kind, "source_sid": value.source_sid, "label": value.label}
    return value


def error_dict(error: ApiError) -> dict[str, Any]:
    """An API error for the report: what the API said, and what the spec's error table says its code means."""
    meaning = error.meaning
    explained = {"type": meaning.type, "message": meaning.message} if meaning else None
    return {**error.to_dict(), "meaning": explained}


def action_dict(action: Action, outcome: Outcome | None = None, *, applied: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "resource": SINGULAR[action.kind],
        "key": action.key,
        "action": action.op,
        "source_sid": action.source_sid,
        "target_sid": outcome.target_sid if outcome and outcome.target_sid else action.target_sid,
    }
    if action.op == "create":
        data["fields"] = {name: _json_value(value) for name, value in action.fields.items()}
    if action.changes:
        data["changes"] = [
            {"field": c.field, "old": c.old, "new": _json_value(c.new)} for c in action.changes
        ]
    if action.reason:
        data["reason"] = action.reason
    if action.notes:
        data["notes"] = [{"code": n.code, "field": n.field, "message": n.message} for n in action.notes]
    if applied:
        data["outcome"] = outcome.status if outcome else NOT_WRITTEN.get(action.op, "not run")
        if outcome and outcome.recovered:
            data["recovered"] = outcome.recovered
        if outcome and outcome.unverified:
            data["unverified"] = list(outcome.unverified)
        if outcome and outcome.status == "failed":
            data["error"] = error_dict(outcome.error) if outcome.error else None
            data["message"] = outcome.message
    return data


def document(
    plan: Plan, outcomes: Sequence[Outcome] | None, *, dry_run: bool, state: str | None
) -> dict[str, Any]:
    """The plan (``outcomes is None``) or the report, as one JSON-able document."""
    by_action = {id(o.action): o for o in outcomes or ()}
    applied = outcomes is not None
    actions = [action_dict(a, by_action.get(id(a)), applied=applied) for a in plan.actions]
    summary: dict[str, Any] = {"plan": plan.counts()}
    if applied:
        summary["outcomes"] = dict(Counter(a["outcome"] for a in actions))
    return {
        "source": {"kind": plan.source[0], "account_sid": plan.source[1]},
        "target": {"kind": plan.target[0], "account_sid": plan.target[1]},
        "dry_run": dry_run,
        "state_file": state,
        "summary": summary,
        "actions": actions,
    }


def plan_summary(plan: Plan) -> str:
    counts = plan.counts()
    return (
        f"Plan: {counts['create']} to create, {counts['update']} to update, "
        f"{counts['unchanged']} unchanged, {counts['skip']} skipped"
    )


def _change_line(change: Change) -> str:
    """``field: old → new``; a bin's contents (a whole document) is summarised by its length."""
    if change.field == "contents":
        old, new = (len(v) if isinstance(v, str) else 0 for v in (change.old, change.new))
        return f"contents: changed ({old} → {new} characters; full text in --report)"
    return f"{change.field}: {show_value(change.old)} → {show_value(change.new)}"


def _details(action: Action) -> list[str]:
    if action.op == "create":
        shown = {name: value for name, value in action.fields.items() if name != "contents"}
        lines = [f"{name}: {show_value(value)}" for name, value in shown.items()]
    else:
        lines = [_change_line(c) for c in action.changes]
    if action.reason:
        lines.append(action.reason)
    lines.extend(f"! {n.field + ': ' if n.field else ''}{n.message} [{n.code}]" for n in action.notes)
    return lines


def _shown(plan: Plan) -> list[Action]:
    """Every action except the unchanged ones without notes (those are only counted)."""
    return [a for a in plan.actions if a.op != "unchanged" or a.notes]


def render_plan_table(plan: Plan, console: Console) -> None:
    """The plan as a rich table, for a terminal."""
    shown = _shown(plan)
    if shown:
        table = Table(show_lines=True)
        for column in ("Resource", "Key", "Action", "Changes / reason"):
            table.add_column(column, overflow="fold")
        for action in shown:
            table.add_row(SINGULAR[action.kind], action.key, action.op, "\n".join(_details(action)))
        console.print(table)
    console.print(plan_summary(plan))


def plan_lines(plan: Plan) -> Iterator[str]:
    """The plan as plain lines (``ACTION  resource "key"`` then indented details): greppable, and fast at
    thousands of resources where a table is not."""
    for action in _shown(plan):
        yield f"{action.op:<9} {action.label}"
        for line in _details(action):
            yield f"    {line}"
    yield plan_summary(plan)


def report_lines(plan: Plan, outcomes: Sequence[Outcome]) -> Iterator[str]:
    """One line per write, per skip and per field that could not be verified, then a summary sentence."""
    for outcome in outcomes:
        action = outcome.action
        if outcome.status == "applied":
            extra = f" ({outcome.recovered})" if outcome.recovered else ""
            yield f"applied   {action.op:<6}  {action.label} → {outcome.target_sid}{extra}"
            if outcome.unverified:
                fields = ", ".join(outcome.unverified)
                yield f"    written but not returned by the target, so not verified: {fields}"
        else:
            yield f"FAILED    {action.op:<6}  {action.label}: {outcome.message}"
    for action in plan.actions:
        if action.op == "skip":
            yield f"skipped           {action.label}: {action.reason}"
        elif action.op == "unchanged":
            for note in action.notes:
                if note.code == "unverified":
                    yield f"unverified        {action.label}: {note.message}"
    failed = sum(o.status == "failed" for o in outcomes)
    counts = plan.counts()
    yield (
        f"Applied {len(outcomes) - failed} of {pluralize(len(outcomes), 'change')}; {failed} failed; "
        f"{counts['skip']} skipped; {counts['unchanged']} unchanged"
    )
