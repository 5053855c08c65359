"""Outbound SMS and calls through the REST API."""

import logging

from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

from twilio_app import config

log = logging.getLogger(__name__)


def get_client() -> Client:
    """One client per call site keeps credentials out of module import time."""
    return Client(config.ACCOUNT_SID, config.AUTH_TOKEN)


def send_sms(to: str, body: str) -> str | None:
    """Send *body* to *to*; returns the message SID, or None when the API refused it."""
    try:
        message = get_client().messages.create(to=to, from_=config.FROM_NUMBER, body=body)
    except TwilioRestException as error:
        log.warning("SMS to %s failed: %s", to, error)
        return None
    return message.sid


def call(to: str, twiml_url: str) -> str:
    """Place a call that fetches its instructions from *twiml_url*."""
    placed = get_client().calls.create(
        to=to,
        from_=config.FROM_NUMBER,
        url=twiml_url,  # the IVR entry point in web.py
    )
    return placed.sid
