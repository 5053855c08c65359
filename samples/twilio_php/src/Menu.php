<?php
namespace App;

use Twilio\TwiML\VoiceResponse;
use Twilio\TwiML\MessagingResponse;

// The IVR menu and the SMS auto-reply, built with the TwiML builders.
class Menu
{
    public static function voice(): string
    {
        $response = new VoiceResponse();
        $gather = $response->gather(['numDigits' => 1, 'action' => '/menu']);
        $gather->say('Press 1 for sales, 2 for support.');
        return (string) $response;
    }

    public static function sms(): string
    {
        $response = new MessagingResponse();
        $response->message('Thanks! Reply STOP to opt out.');
        return (string) $response;
    }
}
