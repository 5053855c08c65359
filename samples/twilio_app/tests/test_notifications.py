"""The app's own unit tests: the REST client is mocked where each module looks it up.

``mock.patch("twilio_app.notifications.Client")`` replaces the name the module bound; a migration that
renamed that name would make the patch fail with ``AttributeError`` (and the real client would be built).
"""

import unittest
from unittest import mock

from twilio.base.exceptions import TwilioRestException
from twilio_app import config, legacy_reminders, notifications


class NotificationTests(unittest.TestCase):
    @mock.patch("twilio_app.notifications.Client")
    def test_send_sms_returns_the_message_sid(self, client_class):
        client_class.return_value.messages.create.return_value.sid = "SM123"
        self.assertEqual(notifications.send_sms("+15550100001", "hi"), "SM123")
        client_class.assert_called_once_with(config.ACCOUNT_SID, config.AUTH_TOKEN)

    @mock.patch("twilio_app.notifications.Client")
    def test_refused_sms_returns_none(self, client_class):
        error = TwilioRestException(400, "https://example.invalid", "refused", code=21211)
        client_class.return_value.messages.create.side_effect = error
        self.assertIsNone(notifications.send_sms("not-a-number", "hi"))

    @mock.patch("twilio_app.notifications.Client")
    def test_call_passes_the_twiml_url(self, client_class):
        client_class.return_value.calls.create.return_value.sid = "CA123"
        self.assertEqual(notifications.call("+15550100001", "https://app.example/voice"), "CA123")
        kwargs = client_class.return_value.calls.create.call_args.kwargs
        self.assertEqual(kwargs["url"], "https://app.example/voice")


class LegacyReminderTests(unittest.TestCase):
    @mock.patch("twilio_app.legacy_reminders.TwilioRestClient")
    def test_send_reminder_uses_the_module_client(self, client_class):
        client_class.return_value.calls.create.return_value.sid = "CA456"
        self.assertEqual(legacy_reminders.send_reminder("+15550100001", "https://app.example/r"), "CA456")
        client_class.assert_called_once()


if __name__ == "__main__":
    unittest.main()
