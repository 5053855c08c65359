"""Calls, conferences, queues and faxes: the operations whose effects reach other records."""

from __future__ import annotations

from typing import Any

from migrate.emulator._handlers import Handlers, Request
from migrate.emulator._hooks import hook


@hook("Calls", "create")
def create_call(handlers: Handlers, request: Request) -> tuple[int, Any]:
    """A queued outbound call; what its ``Url`` answers is fetched by the callback runner (if loopback)."""
    status, body = handlers.create(request)
    record = request.account.resources["Calls"][body["sid"]]
    record.update(
        {
            "to": request.value("To"),
            "from": request.value("From"),
            "_url": request.value("Url") or None,
            "_method": request.value("Method") or "POST",
            "_status_callback": request.value("StatusCallback") or None,
            "_status_callback_method": request.value("StatusCallbackMethod") or "POST",
            "_application_sid": request.value("ApplicationSid") or None,
        }
    )
    handlers.callbacks.call_created(request.account, record)
    return status, handlers.state.render("Calls", record)


@hook("Conferences", "update")
def update_conference(handlers: Handlers, request: Request) -> tuple[int, Any]:
    """``Status=completed`` ends the conference: its participants leave."""
    status, body = handlers.update(request)
    if body.get("status") == "completed":
        participants = request.account.resources["Participants"]
        for key in [k for k, p in participants.items() if p.get("conference_sid") == body["sid"]]:
            del participants[key]
    return status, body


def _queue_members(handlers: Handlers, request: Request) -> list[dict[str, Any]]:
    queue = handlers.parent_of(request, "QueueMembers")
    assert queue is not None
    members = request.account.resources["QueueMembers"].values()
    return sorted((m for m in members if m["_queue_sid"] == queue["sid"]), key=lambda m: int(m["position"]))


def _member(handlers: Handlers, request: Request) -> dict[str, Any]:
    """The member the path names: ``Members/{CallSid}``, or ``Members/Front`` for the first in line."""
    if request.operation.path.endswith("/Front.json") or request.params.get("CallSid") == "Front":
        members = _queue_members(handlers, request)
        if not members:
            raise handlers.not_found(f"Queue {request.params['QueueSid']} front member (the queue is empty)")
        return members[0]
    return handlers.find(request)


@hook("QueueMembers", "fetch")
def fetch_member(handlers: Handlers, request: Request) -> tuple[int, Any]:
    return 200, handlers.state.render("QueueMembers", _member(handlers, request))


@hook("QueueMembers", "update")
def dequeue(handlers: Handlers, request: Request) -> tuple[int, Any]:
    """Dequeue a caller (to ``Url``): it leaves the queue, the others move up, the queue shrinks."""
    member = _member(handlers, request)
    body = handlers.state.render("QueueMembers", member)
    members = request.account.resources["QueueMembers"]
    del members[handlers.state.key_of("QueueMembers", member)]
    remaining = _queue_members(handlers, request)
    for position, other in enumerate(remaining, start=1):
        other["position"] = position
    queue = request.account.resources["Queues"][member["_queue_sid"]]
    queue["current_size"] = len(remaining)
    return 200, body


@hook("Faxes", "create")
def send_fax(handlers: Handlers, request: Request) -> tuple[int, Any]:
    """A queued fax; its document becomes the fax's first media."""
    status, body = handlers.create(request)
    record = request.account.resources["Faxes"][body["sid"]]
    record.update({"to": request.value("To"), "from": request.value("From") or None})
    record["media_url"] = request.value("MediaUrl")
    media = handlers.new(request.account, "FaxMedia", fax_sid=record["sid"], _url=request.value("MediaUrl"))
    handlers.store("FaxMedia", request.account, media)
    return status, handlers.state.render("Faxes", record)
