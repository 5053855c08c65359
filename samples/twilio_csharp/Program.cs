using System;
using Twilio;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace Reminders
{
    // Sends an appointment reminder by SMS and prints the IVR menu.
    public static class Program
    {
        public static void Main(string[] args)
        {
            TwilioClient.Init(
                Environment.GetEnvironmentVariable("TWILIO_ACCOUNT_SID"),
                Environment.GetEnvironmentVariable("TWILIO_AUTH_TOKEN"));

            var message = MessageResource.Create(
                body: "Your appointment is tomorrow at 10:00",
                from: new PhoneNumber(Environment.GetEnvironmentVariable("TWILIO_FROM_NUMBER")),
                to: new PhoneNumber(args[0]));
            Console.WriteLine(message.Sid);
            Console.WriteLine(Menu.Build());
        }
    }
}
