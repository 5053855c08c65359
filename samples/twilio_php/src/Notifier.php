<?php
namespace App;

use Twilio\Rest\Client;
use Twilio\Exceptions\TwilioException;

// Texts customers through the REST client.
class Notifier
{
    private $client;

    public function __construct()
    {
        $this->client = new Client(getenv('TWILIO_ACCOUNT_SID'), getenv('TWILIO_AUTH_TOKEN'));
    }

    public function notify(string $to, string $body): ?string
    {
        try {
            $message = $this->client->messages->create($to, [
                'from' => getenv('TWILIO_FROM_NUMBER'),
                'body' => $body,
            ]);
            return $message->sid;
        } catch (TwilioException $error) {
            error_log($error->getMessage());
            return null;
        }
    }
}
