"""Webhooks: an IVR menu, its choices, and an SMS auto-reply, all signature-checked."""

from functools import wraps

from flask import Flask, abort, request
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse
from twilio.twiml.voice_response import Gather, VoiceResponse

from twilio_app import config

app = Flask(__name__)


def validated(view):
    """Reject requests that were not signed by the platform."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        validator = RequestValidator(config.AUTH_TOKEN)
        signature = request.headers.get("X-Twilio-Signature", "")
        if not app.testing and not validator.validate(request.url, request.form, signature):
            abort(403)
        return view(*args, **kwargs)

    return wrapper


@app.post("/voice")
@validated
def voice():
    response = VoiceResponse()
    gather = Gather(num_digits=1, action="/menu")
    gather.say("Press 1 to confirm your appointment, 2 to cancel.")
    response.append(gather)
    response.redirect("/voice")
    return str(response), 200, {"Content-Type": "text/xml"}


@app.post("/menu")
@validated
def menu():
    response = VoiceResponse()
    if request.form.get("Digits") == "1":
        response.say("Confirmed. See you soon.")
    else:
        response.say("Cancelled.")
    response.hangup()
    return str(response), 200, {"Content-Type": "text/xml"}


@app.post("/sms")
@validated
def sms():
    response = MessagingResponse()
    response.message("Thanks! Reply STOP to opt out.")
    return str(response), 200, {"Content-Type": "text/xml"}
