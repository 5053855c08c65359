"""What the platform does with a call: fetch its documents, follow their verbs, report its progress.

A call (created through the API, or coming in to a number with :meth:`Voice.incoming`) fetches its ``Url``
— its application's ``voice_url`` with ``ApplicationSid``, the number's or its application's for an
incoming call — with the documented request parameters. When that fails (not 2xx, no connection, a
document ``laml`` rejects) its ``FallbackUrl`` is requested with ``ErrorCode`` (the spec's 11200 / 12100)
and ``ErrorUrl``. The document's verbs are then followed as far as the emulator can:

- ``<Redirect>`` fetches the next document (relative URLs resolve against the current one; an empty one
  fetches it again), at most :data:`MAX_REDIRECTS` times in a row, then the call fails;
- ``<Enqueue>name</Enqueue>`` puts the caller at the back of the queue with that friendly name (created
  when missing); the call stays live until it is dequeued, redirected or ended;
- ``<Dial><Queue url="…">name</Queue></Dial>`` takes the caller at the front of that queue, whose call
  then fetches ``url``; the dialling call carries on with its next verb;
- ``<Hangup>`` ends the call, ``<Reject>`` ends it ``busy``; every other verb is passed over, as for a caller
  who says and presses nothing; the end of the document ends the call.

Status callbacks follow ``StatusCallbackEvent`` (initiated → ``queued``, ringing, answered →
``in-progress``, completed), numbered by ``SequenceNumber``. ``Record=true`` and Create a Recording make
recordings whose ``RecordingStatusCallback`` follows ``RecordingStatusCallbackEvent``. Updating a live call
with a new ``Url`` (or ``Status``) takes over from whatever it was doing.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from email.utils import format_datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

import laml
from migrate.emulator._callbacks import CallbackRunner, events_of, method_of
from migrate.emulator._documents import (
    MAX_REDIRECTS,
    Fetched,
    Target,
    fetch_document,
    incoming_settings,
    redirect_target,
    target_of,
)
from migrate.emulator._state import EmulatedAccount

if TYPE_CHECKING:
    from migrate.emulator._handlers import Handlers

LIVE = frozenset({"queued", "ringing", "in-progress"})
#: Outbound progress events before the document, with the ``CallStatus`` each reports.
PROGRESS_EVENTS = (("initiated", "queued"), ("ringing", "ringing"), ("answered", "in-progress"))


class Voice:
    """Runs calls for one emulator; entry points are called by the hooks with the state's lock held."""

    def __init__(self, handlers: Handlers, runner: CallbackRunner) -> None:
        self.handlers = handlers
        self.runner = runner
        self.state = handlers.state

    # -- entry points ----------------------------------------------------------------------------------

    def call_created(self, account: EmulatedAccount, call: dict[str, Any]) -> None:
        """An outbound call: progress events, then its ``Url`` (or its application's ``voice_url``)."""
        application = account.resources["Applications"].get(call.get("_application_sid") or "")
        if application is not None:  # its URLs and methods; the spec: Method & co. "ignored"
            target = target_of(application, "voice_")
            call["_status_callback"] = call.get("_status_callback") or application.get("status_callback")
            call["_status_callback_method"] = application.get("status_callback_method") or "POST"
        else:
            target = Target(
                call.get("_url") or "",
                method_of(call.get("_method")),
                call.get("_fallback_url"),
                method_of(call.get("_fallback_method")),
            )
        sid = call["sid"]
        self.runner.start(sid, self._answer_and_run, account, sid, target, self._generation(call))

    def incoming(self, account: EmulatedAccount, to: str, caller: str) -> dict[str, Any]:
        """A call from *caller* to the account's number *to*: its (application's) voice settings run."""
        with self.state.lock:
            settings = incoming_settings(account, to, "voice")
            call = self.handlers.new(
                account,
                "Calls",
                to=to,
                direction="inbound",
                status="ringing",
                phone_number_sid=settings["_number"]["sid"],
                _status_callback=settings.get("status_callback") or None,
                _status_callback_method=settings.get("status_callback_method") or "POST",
                **{"from": caller},
            )
            self.handlers.store("Calls", account, call)
            self.runner.update(account, "Calls", call["sid"], start_time=self._now())
            target = target_of(settings, "voice_")
            self.runner.start(call["sid"], self._run, account, call["sid"], target, "voice_url", 0)
            return self.state.render("Calls", call)

    def redirect(self, account: EmulatedAccount, call: dict[str, Any], target: Target) -> None:
        """Update a Call with ``Url``: leave any queue, drop the current document, run the new one."""
        leave_queue(self.handlers, account, call["sid"])
        generation = self._generation(call, bump=True)
        self.runner.start(call["sid"], self._run, account, call["sid"], target, "url_update", generation)

    def end(self, account: EmulatedAccount, call: dict[str, Any], status: str) -> None:
        """Update a Call with ``Status`` (``completed``, or ``canceled`` before it is answered)."""
        self._generation(call, bump=True)
        self.runner.start(call["sid"], self._finish, account, call["sid"], status)

    def dequeued(self, account: EmulatedAccount, call_sid: str, target: Target | None) -> None:
        """A caller taken out of its queue: fetch *target* for it (or, bridged with no document, end)."""
        call = account.resources["Calls"].get(call_sid)
        generation = self._generation(call, bump=True) if call is not None else 0
        if target is not None and target.url:
            self.runner.start(call_sid, self._run, account, call_sid, target, "dequeue_url", generation)
        else:
            self.runner.start(call_sid, self._finish, account, call_sid, "completed")

    # -- a call's life ---------------------------------------------------------------------------------

    def _answer_and_run(self, account: EmulatedAccount, sid: str, target: Target, generation: int) -> None:
        for event, status in PROGRESS_EVENTS:
            if event in self._call(account, sid).get("_status_callback_events", ()):
                self._status_callback(account, sid, status)
        self.runner.update(account, "Calls", sid, status="in-progress", start_time=self._now())
        call = self._call(account, sid)
        if call.get("_record"):
            with self.state.lock:
                recording = self.start_recording(account, sid, call, "OutboundAPI")
            self.runner.update(account, "Calls", sid, _recording_sid=recording["sid"])
            self.recording_event(account, recording["sid"], "in-progress")
        if target.url:
            self._run(account, sid, target, "voice_url", generation)
        else:
            self._finish(account, sid, "completed")

    def _run(self, account: EmulatedAccount, sid: str, target: Target, kind: str, generation: int) -> None:
        """Fetch *target* and follow the documents it leads to, until the call ends or waits in a queue."""
        fetched = self._fetch(account, sid, kind, target)
        hops = 0
        while self._current(account, sid, generation):
            if fetched.document is None:  # failed, or not requested (not loopback: nothing to follow)
                self._finish(account, sid, "completed" if fetched.entry.outcome == "skipped" else "failed")
                return
            step = self._follow(account, sid, fetched.document, fetched.entry.url)
            if isinstance(step, str):
                if step != "waiting":
                    self._finish(account, sid, step)
                return
            hops += 1
            if hops > MAX_REDIRECTS:
                fetched.entry.error = f"more than {MAX_REDIRECTS} <Redirect>s in a row: the call fails"
                self._finish(account, sid, "failed")
                return
            fetched = self._fetch(account, sid, "redirect", step)

    def _fetch(self, account: EmulatedAccount, sid: str, kind: str, target: Target) -> Fetched:
        return fetch_document(self.runner, account, "Calls", sid, kind, target, self._params(account, sid))

    def _follow(self, account: EmulatedAccount, sid: str, document: laml.TwiML, url: str) -> Target | str:
        """Run the verbs: a :class:`Target` to redirect to, else how the call goes on (see the module doc)."""
        for verb in document.verbs:
            if not isinstance(verb, laml.TwiML) or isinstance(verb, laml.Comment):
                continue
            if verb.name == "Redirect":
                return redirect_target(verb, url)
            if verb.name == "Hangup":
                return "completed"
            if verb.name == "Reject":
                return "busy"
            if verb.name == "Enqueue":
                with self.state.lock:
                    enqueue(self.handlers, account, sid, str(verb.value or "").strip())
                return "waiting"
            if verb.name == "Dial":
                for noun in verb.verbs:
                    if isinstance(noun, laml.TwiML) and noun.name == "Queue":
                        self._dial_queue(account, str(noun.value or "").strip(), noun.attrs, url)
        return "completed"

    def _dial_queue(self, account: EmulatedAccount, name: str, attrs: Mapping[str, Any], base: str) -> None:
        """``<Dial><Queue>``: the front caller leaves the queue and fetches ``url`` (relative to *base*)."""
        with self.state.lock:
            queue = find_queue(account, name)
            members = queue_members(account, queue["sid"]) if queue is not None else []
            if not members:
                return  # nobody waiting: the emulator does not wait for someone to arrive
            front = members[0]["call_sid"]
            leave_queue(self.handlers, account, front)
            url = urljoin(base, str(attrs["url"])) if attrs.get("url") else ""
            self.dequeued(account, front, Target(url, method_of(attrs.get("method"))) if url else None)

    def _finish(self, account: EmulatedAccount, sid: str, status: str) -> None:
        """End the call once: leave its queue, complete its recordings, post the final status callback."""
        with self.state.lock:
            call = account.resources["Calls"].get(sid)
            if call is None or call.get("status") not in LIVE:
                return
            if status == "canceled" and call["status"] == "in-progress":
                return  # "canceled": only a call that was not answered yet
            leave_queue(self.handlers, account, sid)
            call.update(status=status, end_time=self._now(), duration="0")
            self._generation(call, bump=True)
            recordings = [
                r["sid"]
                for r in account.resources["Recordings"].values()
                if r.get("call_sid") == sid and r.get("status") in ("in-progress", "paused")
            ]
        for recording in recordings:
            self.stop_recording(account, recording)
        self._status_callback(account, sid, status, final=True)

    # -- callbacks -------------------------------------------------------------------------------------

    def _params(self, account: EmulatedAccount, sid: str, status: str | None = None) -> dict[str, str]:
        """The standard request parameters of a call's webhooks."""
        call = self._call(account, sid)
        return {
            "CallSid": sid,
            "AccountSid": account.sid,
            "From": call.get("from") or "",
            "To": call.get("to") or "",
            "CallStatus": status or call.get("status") or "in-progress",
            "Direction": call.get("direction") or "outbound-api",
            "ApiVersion": "2010-04-01",
        }

    def _status_callback(self, account: EmulatedAccount, sid: str, status: str, final: bool = False) -> None:
        with self.state.lock:
            call = account.resources["Calls"].get(sid)
            if call is None or not call.get("_status_callback"):
                return
            if final and "completed" not in call.get("_status_callback_events", {"completed"}):
                return
            sequence = call.get("_sequence", 0)
            call["_sequence"] = sequence + 1
            url, method = call["_status_callback"], call.get("_status_callback_method") or "POST"
            recording = account.resources["Recordings"].get(call.get("_recording_sid") or "")
        params = {
            **self._params(account, sid, status),
            "CallDuration": "0",
            "Timestamp": format_datetime(datetime.now(timezone.utc)),
            "CallbackSource": "call-progress-events",
            "SequenceNumber": str(sequence),
        }
        for name in ("forwarded_from", "caller_name"):
            if call.get(name):
                params["".join(part.capitalize() for part in name.split("_"))] = str(call[name])
        if final and recording is not None:
            params["RecordingSid"] = recording["sid"]
            params["RecordingUrl"] = self.runner.media_url(account, f"Recordings/{recording['sid']}")
            params["RecordingDuration"] = str(recording.get("duration") or "0")
        self.runner.send(account, "Calls", sid, "status_callback", url, method, params)

    # -- recordings ------------------------------------------------------------------------------------

    def start_recording(
        self, account: EmulatedAccount, call_sid: str, settings: Mapping[str, Any], source: str
    ) -> dict[str, Any]:
        """A recording of *call_sid*, in progress; *settings* hold the ``_recording_*`` choices."""
        channels = 2 if settings.get("_recording_channels") == "dual" else 1
        recording = self.handlers.new(
            account,
            "Recordings",
            call_sid=call_sid,
            source=source,
            status="in-progress",
            channels=channels,
            start_time=self._now(),
            conference_sid=None,
            **{k: v for k, v in settings.items() if k.startswith("_recording_")},
        )
        self.handlers.store("Recordings", account, recording)
        return recording

    def stop_recording(self, account: EmulatedAccount, sid: str) -> None:
        """The recording is complete now; its ``completed`` callback follows its earlier ones."""
        self.runner.update(account, "Recordings", sid, status="completed", end_time=self._now(), duration="0")
        self.runner.start(sid, self.recording_event, account, sid, "completed")

    def recording_event(self, account: EmulatedAccount, sid: str, status: str) -> None:
        """Post the recording's ``RecordingStatusCallback`` if *status* is one of its requested events."""
        with self.state.lock:
            recording = dict(account.resources["Recordings"].get(sid) or {})
        url = recording.get("_recording_status_callback")
        if not url or status not in events_of(recording.get("_recording_status_callback_event"), "completed"):
            return
        params = {
            "AccountSid": account.sid,
            "CallSid": recording.get("call_sid") or "",
            "ApiVersion": "2010-04-01",
            "RecordingSid": sid,
            "RecordingUrl": self.runner.media_url(account, f"Recordings/{sid}"),
            "RecordingStatus": status,
            "RecordingDuration": str(recording.get("duration") or "0"),
            "RecordingChannels": str(recording.get("channels") or 1),
            "RecordingSource": recording.get("source") or "",
            "RecordingTrack": recording.get("_recording_track") or "both",
        }
        method = recording.get("_recording_status_callback_method") or "POST"
        self.runner.send(account, "Recordings", sid, "recording_status_callback", url, method, params)

    # -- helpers ---------------------------------------------------------------------------------------

    def _call(self, account: EmulatedAccount, sid: str) -> dict[str, Any]:
        """A snapshot of the call (``{}`` for a caller the emulator only knows as a queue member)."""
        with self.state.lock:
            return dict(account.resources["Calls"].get(sid) or {})

    def _current(self, account: EmulatedAccount, sid: str, generation: int) -> bool:
        """Whether the run that started at *generation* still owns the call (no newer Url or end)."""
        return int(self._call(account, sid).get("_generation", 0)) == generation

    def _generation(self, call: dict[str, Any] | None, bump: bool = False) -> int:
        if call is None:
            return 0
        with self.state.lock:
            call["_generation"] = int(call.get("_generation", 0)) + (1 if bump else 0)
            return int(call["_generation"])

    def _now(self) -> str:
        return self.state.dialect.rfc2822(datetime.now(timezone.utc))


# -- queues (shared with the Queue Members hooks) ----------------------------------------------------------


def find_queue(account: EmulatedAccount, name: str) -> dict[str, Any] | None:
    queues = account.resources["Queues"].values()
    return next((q for q in queues if q.get("friendly_name") == name), None)


def queue_members(account: EmulatedAccount, queue_sid: str) -> list[dict[str, Any]]:
    """The queue's members, front first."""
    members = account.resources["QueueMembers"].values()
    return sorted((m for m in members if m["_queue_sid"] == queue_sid), key=lambda m: int(m["position"]))


def enqueue(handlers: Handlers, account: EmulatedAccount, call_sid: str, name: str) -> dict[str, Any]:
    """Put *call_sid* at the back of the queue named *name* (made if missing); the member record."""
    queue = find_queue(account, name)
    if queue is None:
        queue = handlers.new(account, "Queues", friendly_name=name)
        handlers.store("Queues", account, queue)
    position = len(queue_members(account, queue["sid"])) + 1
    member = handlers.new(
        account,
        "QueueMembers",
        call_sid=call_sid,
        queue_sid=queue["sid"],
        _queue_sid=queue["sid"],
        position=position,
        date_enqueued=handlers.state.now("QueueMembers"),
    )
    handlers.store("QueueMembers", account, member)
    queue["current_size"] = position
    return member


def leave_queue(handlers: Handlers, account: EmulatedAccount, call_sid: str) -> dict[str, Any] | None:
    """Take *call_sid* out of whichever queue holds it; the others move up. The member record, if any."""
    members = account.resources["QueueMembers"]
    member = next((m for m in members.values() if m.get("call_sid") == call_sid), None)
    if member is None:
        return None
    del members[handlers.state.key_of("QueueMembers", member)]
    remaining = queue_members(account, member["_queue_sid"])
    for position, other in enumerate(remaining, start=1):
        other["position"] = position
    queue = account.resources["Queues"].get(member["_queue_sid"])
    if queue is not None:
        queue["current_size"] = len(remaining)
    return member
