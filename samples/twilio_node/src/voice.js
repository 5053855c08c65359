// The IVR menu callers hear, built with the TwiML builder.
const VoiceResponse = require('twilio').twiml.VoiceResponse;

function menu() {
  const response = new VoiceResponse();
  const gather = response.gather({ numDigits: 1, action: '/menu' });
  gather.say('Press 1 for sales, 2 for support.');
  return response.toString();
}

module.exports = { menu };
