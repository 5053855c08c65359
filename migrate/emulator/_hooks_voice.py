"""Calls, conferences, queues and faxes: the operations whose effects reach other records."""

from __future__ import annotations

from typing import Any

from migrate.emulator._callbacks import events_of, method_of
from migrate.emulator._documents import Target
from migrate.emulator._handlers import Handlers, Request, field_of
from migrate.emulator._hooks import hook
from migrate.emulator._state import ApiFailure
from migrate.emulator._voice import LIVE, leave_queue, queue_members

#: Create a Call's recording choices, kept on the call for the recording it makes (``Record=true``).
RECORDING_PARAMETERS = (
    "RecordingStatusCallback",
    "RecordingStatusCallbackEvent",
    "RecordingStatusCallbackMethod",
    "RecordingChannels",
    "RecordingTrack",
)


def _recording_settings(request: Request) -> dict[str, Any]:
    """``_recording_status_callback`` … from the form (the event list keeps every value sent)."""
    settings: dict[str, Any] = {
        f"_{field_of('Calls', name)}": request.value(name) or None for name in RECORDING_PARAMETERS
    }
    settings["_recording_status_callback_event"] = request.form.get("RecordingStatusCallbackEvent") or []
    return settings


@hook("Calls", "create")
def create_call(handlers: Handlers, request: Request) -> tuple[int, Any]:
    """A queued outbound call; the call runner fetches its ``Url`` and follows it (loopback only)."""
    status, body = handlers.create(request)
    record = request.account.resources["Calls"][body["sid"]]
    record.update(
        {
            "to": request.value("To"),
            "from": request.value("From"),
            "_url": request.value("Url") or None,
            "_method": request.value("Method") or "POST",
            "_fallback_url": request.value("FallbackUrl") or None,
            "_fallback_method": request.value("FallbackMethod") or "POST",
            "_status_callback": request.value("StatusCallback") or None,
            "_status_callback_method": request.value("StatusCallbackMethod") or "POST",
            "_status_callback_events": events_of(request.form.get("StatusCallbackEvent"), "completed"),
            "_application_sid": request.value("ApplicationSid") or None,
            "_record": request.value("Record").lower() == "true",
            **_recording_settings(request),
        }
    )
    handlers.voice.call_created(request.account, record)
    return status, handlers.state.render("Calls", record)


@hook("Calls", "update")
def update_call(handlers: Handlers, request: Request) -> tuple[int, Any]:
    """Redirect a live call to a new ``Url``, or end it with ``Status``; a finished call cannot change.

    The spec does not say what updating a finished call answers; Twilio's 21220 ("Call is not
    in-progress. Cannot redirect.") is used in both dialects.
    """
    call = handlers.find(request)
    url, status = request.value("Url"), request.value("Status")
    if (url or status) and call.get("status") not in LIVE:
        raise handlers.invalid(21220, "Call is not in-progress. Cannot redirect.", "Url" if url else "Status")
    if request.value("StatusCallback"):
        call["_status_callback"] = request.value("StatusCallback")
        call["_status_callback_method"] = request.value("StatusCallbackMethod") or "POST"
    if status == "completed" or (status == "canceled" and call["status"] in ("queued", "ringing")):
        handlers.voice.end(request.account, call, status)
    elif url:
        target = Target(
            url,
            method_of(request.value("Method")),
            request.value("FallbackUrl") or None,
            method_of(request.value("FallbackMethod")),
        )
        handlers.voice.redirect(request.account, call, target)
    call["date_updated"] = handlers.state.now("Calls")
    return 200, handlers.state.render("Calls", call)


@hook("Conferences", "update")
def update_conference(handlers: Handlers, request: Request) -> tuple[int, Any]:
    """``Status=completed`` ends the conference: its participants leave."""
    status, body = handlers.update(request)
    if body.get("status") == "completed":
        participants = request.account.resources["Participants"]
        for key in [k for k, p in participants.items() if p.get("conference_sid") == body["sid"]]:
            del participants[key]
    return status, body


@hook("Queues", "delete")
def delete_queue(handlers: Handlers, request: Request) -> tuple[int, Any]:
    """The spec: "Only empty queues can be deleted." SignalWire refuses with 409, as for an application in
    use; Twilio's documents say nothing of it, so its dialect deletes."""
    waiting = queue_members(request.account, request.params["QueueSid"])
    if waiting and handlers.dialect.name == "signalwire":
        message = f"Queue {request.params['QueueSid']} is not empty: {len(waiting)} caller(s) waiting"
        raise ApiFailure(409, {"errors": [{"code": "409", "message": message}]})
    return handlers.delete(request)


def _member(handlers: Handlers, request: Request) -> dict[str, Any]:
    """The member the path names: ``Members/{CallSid}``, or ``Members/Front`` for the first in line."""
    if request.operation.path.endswith("/Front.json") or request.params.get("CallSid") == "Front":
        queue = handlers.parent_of(request, "QueueMembers")
        assert queue is not None
        members = queue_members(request.account, queue["sid"])
        if not members:
            raise handlers.not_found(f"Queue {request.params['QueueSid']} front member (the queue is empty)")
        return members[0]
    return handlers.find(request)


@hook("QueueMembers", "fetch")
def fetch_member(handlers: Handlers, request: Request) -> tuple[int, Any]:
    return 200, handlers.state.render("QueueMembers", _member(handlers, request))


@hook("QueueMembers", "update")
def dequeue(handlers: Handlers, request: Request) -> tuple[int, Any]:
    """Dequeue a caller: it leaves the queue (the others move up) and its call fetches ``Url``."""
    member = _member(handlers, request)
    leave_queue(handlers, request.account, member["call_sid"])
    url, method = request.value("Url"), method_of(request.value("Method"))
    body = handlers.state.render("QueueMembers", member)
    if url:
        body.update({"url": url, "method": method})
        handlers.voice.dequeued(request.account, member["call_sid"], Target(url, method))
    return 200, body


@hook("Recordings", "create")
def start_recording(handlers: Handlers, request: Request) -> tuple[int, Any]:
    """Create a Recording: the call's recording starts (``in-progress`` callback if asked for)."""
    call = handlers.parent_of(request, "Recordings")
    assert call is not None
    recording = handlers.voice.start_recording(
        request.account, call["sid"], _recording_settings(request), "StartCallRecordingAPI"
    )
    handlers.apply(request, recording)
    event = handlers.voice.recording_event
    handlers.callbacks.start(recording["sid"], event, request.account, recording["sid"], "in-progress")
    return handlers.status_of(request.operation), handlers.state.render("Recordings", recording)


@hook("Recordings", "update")
def update_recording(handlers: Handlers, request: Request) -> tuple[int, Any]:
    """``Status=stopped`` completes the recording (``completed`` callback); paused / in-progress toggle."""
    recording = handlers.find(request)
    wanted = request.value("Status")
    if recording.get("status") not in ("in-progress", "paused"):
        raise handlers.invalid(21220, f"Recording {recording['sid']} is not in progress", "Status")
    if wanted == "stopped":
        handlers.voice.stop_recording(request.account, recording["sid"])
    elif wanted:
        recording["status"] = wanted
    recording["date_updated"] = handlers.state.now("Recordings")
    return 200, handlers.state.render("Recordings", recording)


@hook("Faxes", "create")
def send_fax(handlers: Handlers, request: Request) -> tuple[int, Any]:
    """A queued fax; its document becomes the fax's first media, and the runner sends it (loopback only)."""
    status, body = handlers.create(request)
    record = request.account.resources["Faxes"][body["sid"]]
    record.update({"to": request.value("To"), "from": request.value("From") or None})
    record["media_url"] = request.value("MediaUrl")
    media = handlers.new(request.account, "FaxMedia", fax_sid=record["sid"], _url=request.value("MediaUrl"))
    handlers.store("FaxMedia", request.account, media)
    record.update(media_sid=media["sid"], _status_callback=request.value("StatusCallback") or None)
    handlers.callbacks.fax_created(request.account, record)
    return status, handlers.state.render("Faxes", record)
