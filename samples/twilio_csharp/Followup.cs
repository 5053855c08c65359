using System;
using Twilio.Clients;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace Reminders
{
    // Follow-up messages, sent through a client object rather than the process-wide one.
    public static class Followup
    {
        public static string Send(string to)
        {
            var client = new TwilioRestClient(
                Environment.GetEnvironmentVariable("TWILIO_ACCOUNT_SID"),
                Environment.GetEnvironmentVariable("TWILIO_AUTH_TOKEN"));
            var message = MessageResource.Create(
                body: "How was your appointment?",
                from: new PhoneNumber(Environment.GetEnvironmentVariable("TWILIO_FROM_NUMBER")),
                to: new PhoneNumber(to),
                client: client);
            return message.Sid;
        }
    }
}
