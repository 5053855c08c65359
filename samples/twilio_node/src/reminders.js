// Appointment reminders, sent through twilio-node's client class.
const { Twilio } = require('twilio');

const client = new Twilio(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN);

async function remind(to, when) {
  const message = await client.messages.create({
    from: process.env.TWILIO_FROM_NUMBER,
    to,
    body: `Reminder: your appointment is ${when}`,
  });
  return message.sid;
}

module.exports = { remind };
