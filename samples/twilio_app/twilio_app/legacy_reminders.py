"""Call reminders, still written against the 5.x SDK."""

from twilio import twiml
from twilio.rest import TwilioRestClient

from twilio_app import config


def reminder_client():
    return TwilioRestClient(account=config.ACCOUNT_SID, token=config.AUTH_TOKEN)


def reminder_twiml(text):
    response = twiml.Response()
    response.say(text, voice="alice")
    response.hangup()
    return str(response)


def send_reminder(to, url):
    client = reminder_client()
    return client.calls.create(to=to, from_=config.FROM_NUMBER, url=url).sid
