<?php
require __DIR__ . '/vendor/autoload.php';

use Twilio\Security\RequestValidator;

// Incoming SMS: checks Twilio's signature, then answers with TwiML.
$validator = new RequestValidator(getenv('TWILIO_AUTH_TOKEN'));
$url = 'https://' . $_SERVER['HTTP_HOST'] . $_SERVER['REQUEST_URI'];
if (!$validator->validate($_SERVER['HTTP_X_TWILIO_SIGNATURE'] ?? '', $url, $_POST)) {
    http_response_code(403);
    exit;
}
header('Content-Type: text/xml');
echo \App\Menu::sms();
?>
