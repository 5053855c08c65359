"""Runs inside a venv holding the target SDK: import every migrated module, build clients, send one SMS.

``python _probe_sample.py TO BODY``: the SMS goes through the app's own ``notifications.send_sms`` over real
HTTPS to whatever ``SIGNALWIRE_SPACE_URL`` names (the test's emulator, whose certificate
``REQUESTS_CA_BUNDLE`` trusts; twilio 6.x needs the shim below to read it). A second send, to an invalid
number, proves the app's ``except TwilioRestException`` still catches the API's refusal.
Prints one JSON document on stdout.
"""

import importlib
import json
import os
import pkgutil
import sys

import twilio
import twilio_app
from twilio.http.http_client import TwilioHttpClient

if int(twilio.__version__.split(".")[0]) < 7:
    # twilio 6.x (pinned by signalwire 2.1.1) calls Session.send directly, skipping requests'
    # environment settings, so REQUESTS_CA_BUNDLE never applies; twilio >= 7 honours it unaided.
    plain_init = TwilioHttpClient.__init__

    def trusting_init(self, *args, **kwargs):
        plain_init(self, *args, **kwargs)
        if self.session is not None:
            self.session.verify = os.environ["REQUESTS_CA_BUNDLE"]

    TwilioHttpClient.__init__ = trusting_init

modules = sorted(f"twilio_app.{info.name}" for info in pkgutil.iter_modules(twilio_app.__path__))
for name in modules:
    importlib.import_module(name)

from twilio_app import legacy_reminders, notifications, web  # noqa: E402

to, body = sys.argv[1:3]
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
    "sent_sid": notifications.send_sms(to, body),
    "refused_sid": notifications.send_sms("not-a-number", body),
    "voice": pages.post("/voice").get_data(as_text=True),
    "sms": pages.post("/sms").get_data(as_text=True),
    "reminder": legacy_reminders.reminder_twiml("Your appointment is tomorrow"),
}
print(json.dumps(result))
