"""Compatibility REST client for Twilio's 2010-04-01 API and SignalWire's LaML API.

Public surface::

    client = RestClient(account)                      # account: migrate.accounts.Account
    client.fetch_account()
    client.applications.list(friendly_name="x")       # lazy, follows every page
    client.incoming_phone_numbers.lookup("+15551230000")
    client.laml_bins.create({"name": "n", "contents": "<Response/>"})
    client.available_phone_numbers("US", "Local", area_code="555")
    client.fetch_twiml_bin("https://handler.twilio.com/twiml/EH…")   # Twilio bins: signed GET

Every failure is an :class:`ApiError`; a create whose outcome is unknown is a :class:`CreateOutcomeUnknown`
(re-list by natural key before retrying).
"""

from migrate.rest._client import Collection, Record, RestClient, api_name
from migrate.rest._errors import ApiError, CreateOutcomeUnknown, parse_error_body
from migrate.rest._transport import RetryPolicy, parse_retry_after
from migrate.rest._twiml_bins import HANDLER_ORIGIN, twilio_signature

__all__ = [
    "HANDLER_ORIGIN",
    "ApiError",
    "Collection",
    "CreateOutcomeUnknown",
    "Record",
    "RestClient",
    "RetryPolicy",
    "api_name",
    "parse_error_body",
    "parse_retry_after",
    "twilio_signature",
]
