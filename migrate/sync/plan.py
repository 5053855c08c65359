"""The plan: for every source resource, what to do in the target and which fields change (old → new).

Order is bins → applications → numbers, because later kinds point at earlier ones. Matching tries the
journal's SID map first (so a renamed application is updated, not duplicated), then the natural key.
References are remapped: an application SID on a number becomes the target application's SID; a URL that
points at a source bin becomes the target bin's ``request_url``. When the referenced resource does not
exist in the target yet, the value is a :class:`Ref` that apply resolves once that resource is created.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from migrate.hosted import URL_FIELDS, twiml_bin_sid
from migrate.sync.bins import check_bin
from migrate.sync.journal import Entry, Journal
from migrate.sync.model import (
    APPLICATION_REFERENCES,
    CARRIED,
    DEFAULTS,
    KINDS,
    SINGULAR,
    Kind,
    Resource,
    Side,
    Value,
    normalise,
    not_updatable,
)

Op = Literal["create", "update", "unchanged", "skip"]
OPS: tuple[Op, ...] = ("create", "update", "unchanged", "skip")


@dataclass(frozen=True)
class Ref:
    """A value known only after another action ran: a created application's SID or a created bin's URL."""

    kind: Kind
    source_sid: str
    label: str

    def __str__(self) -> str:
        return f"<{self.label}, once created>"


Desired = Value | Ref


def show_value(value: Desired) -> str:
    """A value as a person reads it in a note: ``-`` for unset, ``true``/``false``, text as is."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@dataclass(frozen=True)
class Note:
    """Something the operator must know about one resource (a flag, a diagnostic, a conversion)."""

    code: str
    message: str
    field: str | None = None


@dataclass(frozen=True)
class Change:
    field: str
    old: Value
    new: Desired


@dataclass
class Action:
    """``fields`` is what will be sent: everything for a create, the changes for an update."""

    kind: Kind
    key: str
    source_sid: str
    op: Op
    target_sid: str | None = None
    target_url: str | None = None
    fields: dict[str, Desired] = field(default_factory=dict)
    changes: tuple[Change, ...] = ()
    notes: list[Note] = field(default_factory=list)
    reason: str | None = None

    @property
    def label(self) -> str:
        return f'{SINGULAR[self.kind]} "{self.key}"'


@dataclass
class Plan:
    source: tuple[str, str]  # (kind, account SID)
    target: tuple[str, str]
    actions: list[Action]

    def writes(self, kind: Kind | None = None) -> list[Action]:
        return [a for a in self.actions if a.op in ("create", "update") and (kind is None or a.kind == kind)]

    def counts(self) -> dict[str, int]:
        tally = Counter(a.op for a in self.actions)
        return {op: tally.get(op, 0) for op in OPS}

    def matches(self) -> list[tuple[Kind, str, Entry]]:
        """Source → target pairs already known at plan time (for the journal)."""
        return [
            (a.kind, a.source_sid, Entry(a.target_sid, a.target_url))
            for a in self.actions
            if a.target_sid is not None
        ]


#: What a reference resolves to at plan time: a target value, a Ref to a pending create, or why not.
_Resolution = tuple[Value | Ref, None] | tuple[None, str]


class _Planner:
    """Plans one resource at a time, in dependency order, remembering what each became for later kinds."""

    def __init__(self, source: Side, target: Side, journal: Journal) -> None:
        self.source = source
        self.target = target
        self.journal = journal
        self.target_by_key: dict[Kind, dict[str, list[Resource]]] = {k: defaultdict(list) for k in KINDS}
        for kind in KINDS:
            for resource in target.resources[kind].values():
                self.target_by_key[kind][resource.key].append(resource)
        self.source_key_counts = {
            kind: Counter(r.key for r in source.resources[kind].values()) for kind in KINDS
        }
        #: (kind, source SID) → the target SID (applications) or URL (bins), a Ref, or why it has none.
        self.resolved: dict[tuple[Kind, str], _Resolution] = {}
        self.bin_urls: dict[str, str] = {
            r.url.rstrip("/"): r.sid for r in source.resources["bins"].values() if r.url
        }

    # -- matching -------------------------------------------------------------------------------------

    def match(self, resource: Resource) -> tuple[Resource | None, str | None]:
        """The target resource, or ``None`` and why matching is ambiguous (``None, None``: no match)."""
        entry = self.journal.get(resource.kind, resource.sid)
        if entry is not None and entry.target_sid in self.target.resources[resource.kind]:
            return self.target.resources[resource.kind][entry.target_sid], None
        noun = SINGULAR[resource.kind]
        if not resource.key:
            return (
                None,
                f"the source {noun} has no {'name' if resource.kind == 'bins' else 'key'} to match on",
            )
        if self.source_key_counts[resource.kind][resource.key] > 1:
            count = self.source_key_counts[resource.kind][resource.key]
            return None, f"ambiguous: {count} source {noun}s share this name; rename them apart"
        candidates = self.target_by_key[resource.kind].get(resource.key, [])
        if len(candidates) > 1:
            return None, f"ambiguous: {len(candidates)} {noun}s in the target share this name"
        return (candidates[0] if candidates else None), None

    # -- references -----------------------------------------------------------------------------------

    def source_bin_for(self, url: str) -> str | None:
        sid = twiml_bin_sid(url)
        if sid and sid in self.source.resources["bins"]:
            return sid
        return self.bin_urls.get(url.strip().rstrip("/"))

    def remap(self, resource: Resource, action: Action) -> dict[str, Desired] | None:
        """The fields to have in the target, references remapped; ``None`` (action skipped) if impossible."""
        desired: dict[str, Desired] = {}
        remapped_urls: set[str] = set()
        for name, value in resource.fields.items():
            if name in resource.unread:  # unknown, not unset: copying "nothing" would erase it
                action.notes.append(Note("unread", f"the source does not return {name}; not copied", name))
                continue
            if name in APPLICATION_REFERENCES and isinstance(value, str):
                target_value, why = self.resolved.get(("applications", value), (None, "not in the source"))
                if why is not None:
                    action.op, action.reason = "skip", f"{name} {value}: {why}"
                    return None
                desired[name] = target_value
            elif name in URL_FIELDS and isinstance(value, str) and (bin_sid := self.source_bin_for(value)):
                target_value, why = self.resolved[("bins", bin_sid)]
                if why is None:
                    desired[name] = target_value
                    remapped_urls.add(name)
                else:
                    desired[name] = value
                    action.notes.append(Note("bin-not-migrated", f"points at a bin that {why}", name))
            else:
                desired[name] = value
        action.notes.extend(
            Note(flag.kind, f"{flag.message} ({flag.value})", flag.field)
            for flag in resource.flags
            if flag.field not in remapped_urls
        )
        return desired

    # -- actions --------------------------------------------------------------------------------------

    def plan(self, resource: Resource) -> Action:
        action = Action(resource.kind, resource.key, resource.sid, "skip")
        desired = self.desired(resource, action)
        if desired is None:
            return action
        match, ambiguous = self.match(resource)
        if ambiguous:
            action.reason = ambiguous
            return action
        if match is None:
            if resource.kind == "numbers":
                action.reason = "awaiting port or purchase: the number is not in the target account"
                return action
            action.op = "create"
            # Unset and default values are left to the API, so the plan shows what is particular.
            action.fields = {k: v for k, v in desired.items() if v is not None and v != DEFAULTS.get(k)}
            return action
        action.target_sid, action.target_url = match.sid, match.url
        entry = self.journal.get(resource.kind, resource.sid)
        written = entry.written if entry is not None and entry.target_sid == match.sid else {}
        fixed = not_updatable(resource.kind)
        changes: list[Change] = []
        for name, value in desired.items():
            current = self.current(match, name, value, written, action)
            if not isinstance(value, Ref) and current == value:
                continue
            if name in fixed:
                action.notes.append(
                    Note(
                        "not-updatable",
                        f"differs ({show_value(current)} in the target, {show_value(value)} wanted), but "
                        "the API documents no way to update it: change it in the dashboard",
                        name,
                    )
                )
                continue
            changes.append(Change(name, current, value))
        action.op = "update" if changes else "unchanged"
        action.changes = tuple(changes)
        action.fields = {change.field: change.new for change in changes}
        if changes:  # what the API requires on every update, changed or not
            action.fields.update({k: desired[k] for k in CARRIED.get(resource.kind, ()) if k in desired})
        return action

    @staticmethod
    def current(
        match: Resource, name: str, wanted: Desired, written: Mapping[str, Value], action: Action
    ) -> Value:
        """The target's value of *name*; for a field it never returns, what this tool last wrote there.

        Such a field is reported as unverified whenever a value is relied on (one was written, or one is
        wanted); with nothing written, it counts as unset, so a wanted value is written once.
        """
        if name not in match.unread:
            return match.fields.get(name)
        value = normalise(name, written.get(name))
        if name in written or value != wanted:
            known = f"assumed as last written ({show_value(value)})" if name in written else "never written"
            message = f"the target does not return {name}, so it cannot be verified; {known}"
            action.notes.append(Note("unverified", message, name))
        return value

    def desired(self, resource: Resource, action: Action) -> dict[str, Desired] | None:
        if resource.kind != "bins":
            return self.remap(resource, action)
        if resource.problem:
            action.reason = f"cannot read the bin: {resource.problem}"
            return None
        if self.target.kind != "signalwire":
            action.reason = "the target has no bin API (LaML Bins are SignalWire's)"
            return None
        contents = resource.fields.get("contents")
        check = check_bin(resource.key, contents if isinstance(contents, str) else "")
        action.notes.extend(
            Note(d.code, f"{d.line}:{d.col}: {d.message}", "contents") for d in check.diagnostics
        )
        if not check.ok:
            action.reason = "invalid bin: fix the errors (Handlebars not mechanically convertible, or LaML)"
            return None
        if check.converted:
            action.notes.append(
                Note("converted", "Handlebars if/unless/else rewritten as mustache", "contents")
            )
        return {"name": resource.key, "contents": check.contents}

    def resolution(self, resource: Resource, action: Action) -> _Resolution:
        """What references to *action*'s resource become in the target.

        A sync never goes backwards: a bin that cannot be migrated this time (unreadable, now invalid)
        but that an earlier run copied to the target keeps references pointed at that copy.
        """
        if action.op == "skip":
            kept = self.match(resource)[0] if resource.kind == "bins" else None
            if kept is not None and kept.url:
                action.notes.append(
                    Note("kept", f"references keep pointing at the copy already in the target ({kept.url})")
                )
                return kept.url, None
            return None, f"is not migrated ({action.reason})"
        if action.op == "create":
            return Ref(action.kind, action.source_sid, action.label), None
        value = action.target_url if action.kind == "bins" else action.target_sid
        return value, None

    def existing(self, resource: Resource) -> _Resolution:
        """For a kind outside ``--only``: what is already in the target, whatever its fields."""
        match, ambiguous = self.match(resource)
        if ambiguous:
            return None, f"cannot be matched ({ambiguous})"
        if match is None:
            return None, f"is not in the target (--only excludes {resource.kind})"
        return (match.url if resource.kind == "bins" else match.sid), None


def build_plan(source: Side, target: Side, journal: Journal, only: Iterable[Kind] = KINDS) -> Plan:
    """Diff *source* against *target*; kinds outside *only* are matched (for references) but not planned."""
    selected = frozenset(only)
    planner = _Planner(source, target, journal)
    actions: list[Action] = []
    for kind in KINDS:
        for resource in sorted(source.resources[kind].values(), key=lambda r: (r.key, r.sid)):
            if kind not in selected:
                planner.resolved[(kind, resource.sid)] = planner.existing(resource)
                continue
            action = planner.plan(resource)
            planner.resolved[(kind, resource.sid)] = planner.resolution(resource, action)
            actions.append(action)
    return Plan((source.kind, source.account_sid), (target.kind, target.account_sid), actions)
