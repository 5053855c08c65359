using Twilio.TwiML;
using Twilio.TwiML.Voice;

namespace Reminders
{
    // The IVR menu callers hear, built with the TwiML builder.
    public static class Menu
    {
        public static string Build()
        {
            var response = new VoiceResponse();
            var gather = new Gather(numDigits: 1, action: new System.Uri("/menu", System.UriKind.Relative));
            gather.Say("Press 1 to confirm, 2 to cancel.");
            response.Append(gather);
            return response.ToString();
        }
    }
}
