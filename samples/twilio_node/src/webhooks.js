// Incoming SMS webhook: checks Twilio's signature, then answers with TwiML.
const twilio = require('twilio');

function handleSms(req, res) {
  const signature = req.headers['x-twilio-signature'];
  const url = `https://${req.headers.host}${req.originalUrl}`;
  if (!twilio.validateRequest(process.env.TWILIO_AUTH_TOKEN, signature, url, req.body)) {
    res.statusCode = 403;
    return res.end('invalid signature');
  }
  const twiml = new twilio.twiml.MessagingResponse();
  twiml.message('Thanks! Reply STOP to opt out.');
  res.setHeader('Content-Type', 'text/xml');
  return res.end(twiml.toString());
}

module.exports = { handleSms };
