"""What the platform does with a message that comes in to a number: request its ``sms_url``, send the reply.

The message is stored (``inbound``, ``received``); the number's ``sms_url`` (or its
``sms_application_sid``'s, with ``sms_method``) is requested, and ``sms_fallback_url`` when that fails, as
for calls (:mod:`migrate.emulator._documents`). The spec documents these settings but not the request's
parameters; the emulator sends the names Twilio documents: ``MessageSid``, ``SmsSid``, ``SmsMessageSid``,
``AccountSid``, ``From``, ``To``, ``Body``, ``NumMedia``, ``NumSegments``, ``MediaUrl0``… and
``ApiVersion``. The answer's ``<Message>`` verbs become outbound messages (``outbound-reply``, to the sender
unless ``to`` says otherwise, from the number unless ``from`` does); ``<Redirect>`` fetches the next
document, at most :data:`~migrate.emulator._documents.MAX_REDIRECTS` times in a row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import laml
from migrate.emulator import _records as rec
from migrate.emulator._callbacks import CallbackRunner
from migrate.emulator._documents import (
    MAX_REDIRECTS,
    Target,
    fetch_document,
    incoming_settings,
    redirect_target,
    target_of,
)
from migrate.emulator._state import EmulatedAccount

if TYPE_CHECKING:
    from migrate.emulator._handlers import Handlers


class Messaging:
    """Incoming messages for one emulator."""

    def __init__(self, handlers: Handlers, runner: CallbackRunner) -> None:
        self.handlers = handlers
        self.runner = runner
        self.state = handlers.state

    def incoming(
        self, account: EmulatedAccount, to: str, sender: str, body: str, media_urls: list[str]
    ) -> dict[str, Any]:
        """A message from *sender* to the account's number *to*: its SMS settings run (else LookupError)."""
        with self.state.lock:
            settings = incoming_settings(account, to, "sms")
            message = self._store(account, sender, to, body, media_urls, "inbound", "received")
            params = {
                "MessageSid": message["sid"],
                "SmsSid": message["sid"],
                "SmsMessageSid": message["sid"],
                "AccountSid": account.sid,
                "From": sender,
                "To": to,
                "Body": body,
                "NumMedia": str(len(media_urls)),
                "NumSegments": str(message["num_segments"]),
                "ApiVersion": "2010-04-01",
                **{f"MediaUrl{index}": url for index, url in enumerate(media_urls)},
            }
            target = target_of(settings, "sms_")
            if target.url:
                self.runner.start(message["sid"], self._run, account, message["sid"], target, params)
            return self.state.render("Messages", message)

    def _store(
        self,
        account: EmulatedAccount,
        sender: str,
        to: str,
        body: str,
        media_urls: list[str],
        direction: str,
        status: str,
    ) -> dict[str, Any]:
        handlers = self.handlers
        message = handlers.new(
            account,
            "Messages",
            sid=self.state.dialect.sid("MM" if media_urls else "SM"),
            to=to,
            body=body,
            direction=direction,
            status=status,
            num_media=len(media_urls),
            num_segments=rec.segments(body),
            _media_urls=list(media_urls),
            **{"from": sender},
        )
        handlers.refresh_uris("Messages", message)
        for url in media_urls:
            media = handlers.new(account, "Media", parent_sid=message["sid"], _url=url)
            handlers.store("Media", account, media)
        handlers.store("Messages", account, message)
        return message

    def _run(self, account: EmulatedAccount, sid: str, target: Target, params: dict[str, str]) -> None:
        fetched = fetch_document(self.runner, account, "Messages", sid, "sms_url", target, params)
        for hop in range(MAX_REDIRECTS + 1):
            if fetched.document is None:
                return
            step = self._follow(account, fetched.document, fetched.entry.url, params)
            if step is None:
                return
            if hop == MAX_REDIRECTS:
                fetched.entry.error = f"more than {MAX_REDIRECTS} <Redirect>s in a row: stopped"
                return
            fetched = fetch_document(self.runner, account, "Messages", sid, "redirect", step, params)

    def _follow(
        self, account: EmulatedAccount, document: laml.TwiML, url: str, params: dict[str, str]
    ) -> Target | None:
        """Send the ``<Message>`` replies; the ``<Redirect>`` target, if the document ends with one."""
        for verb in document.verbs:
            if not isinstance(verb, laml.TwiML) or isinstance(verb, laml.Comment):
                continue
            if verb.name == "Redirect":
                return redirect_target(verb, url)
            if verb.name == "Message":
                nouns = [n for n in verb.verbs if isinstance(n, laml.TwiML)]
                body = "".join(str(n.value or "") for n in nouns if n.name == "Body") or str(verb.value or "")
                media = [str(n.value or "").strip() for n in nouns if n.name == "Media"]
                to = str(verb.attrs.get("to") or params["From"])
                sender = str(verb.attrs.get("from") or params["To"])
                with self.state.lock:
                    self._store(account, sender, to, body.strip(), media, "outbound-reply", "sent")
        return None
