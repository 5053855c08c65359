"""Runs inside a venv holding the target SDK: import every migrated module, build clients, send via a stub.

The HTTP layer is replaced by a recorder (no network): it proves which URL the migrated client would call.
Prints one JSON document on stdout.
"""

import importlib
import json
import pkgutil
import sys

import twilio
import twilio_app
from twilio.http.http_client import TwilioHttpClient
from twilio.http.response import Response

requests_seen = []


def record(
    self, method, url, params=None, data=None, headers=None, auth=None, timeout=None, allow_redirects=False
):
    requests_seen.append({"method": method, "url": url, "user": auth[0] if auth else None})
    body = {
        "sid": "SM" + "0" * 32,
        "account_sid": auth[0] if auth else "",
        "status": "queued",
        "to": (data or {}).get("To"),
        "from": (data or {}).get("From"),
        "body": (data or {}).get("Body"),
    }
    return Response(201, json.dumps(body))


TwilioHttpClient.request = record
modules = sorted(f"twilio_app.{info.name}" for info in pkgutil.iter_modules(twilio_app.__path__))
for name in modules:
    importlib.import_module(name)

from twilio_app import legacy_reminders, notifications, web  # noqa: E402

client = notifications.get_client()
legacy = legacy_reminders.reminder_client()
web.app.testing = True
pages = web.app.test_client()
result = {
    "python": sys.executable,
    "twilio_version": twilio.__version__,
    "modules": modules,
    "client_class": f"{type(client).__module__}.{type(client).__name__}",
    "api_base_url": client.api.base_url,
    "legacy_api_base_url": legacy.api.base_url,
    "sent_sid": notifications.send_sms("+15550100001", "hello"),
    "requests": requests_seen,
    "voice": pages.post("/voice").get_data(as_text=True),
    "sms": pages.post("/sms").get_data(as_text=True),
    "reminder": legacy_reminders.reminder_twiml("Your appointment is tomorrow"),
}
print(json.dumps(result))
