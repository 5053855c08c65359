"""What the tree-sitter recipes know about the four SDKs, as data (facts checked against the packages).

- npm ``@signalwire/compatibility-api`` 3.2.0 (``dist/index.node.js``): ``RestClient(username, token, opts)``
  takes the host from ``opts.signalwireSpaceUrl``, else ``SIGNALWIRE_SPACE_URL``, else
  ``SIGNALWIRE_API_HOSTNAME``; it copies every property of twilio-node's module onto ``RestClient``, renaming
  ``twiml`` to ``LaML``. The ESM build exports only ``RestClient``, ``Twilio``, ``JwtInterface``,
  ``TwimlInterface`` (no default export), and the ``exports`` map blocks deep ``lib/…`` imports.
- Packagist ``signalwire/signalwire`` 2.3 (``src/Rest/Client.php``): ``Client($project, $token, $options)``
  reads ``signalwireSpaceUrl`` from the options, else ``SIGNALWIRE_SPACE_URL`` / ``SIGNALWIRE_API_HOSTNAME``
  from ``$_ENV`` or ``getenv``; LaML builders live in ``SignalWire\\LaML\\…``; it requires
  ``twilio/sdk <=6.10.4``.
- RubyGems ``signalwire`` 2.5.0: ``Signalwire::REST::Client < Twilio::REST::Client`` takes
  ``signalwire_space_url:`` (stored in the process-wide ``Signalwire::Sdk.configure``); the REST host is
  ``SIGNALWIRE_HOST``, else ``SIGNALWIRE_API_HOSTNAME``, else that stored hostname
  (``lib/signalwire/sdk/twilio_set_host.rb`` from 2.0.0, commit 90c6236, to 2.6.0). No release since 1.x reads
  the ``SIGNALWIRE_SPACE_URL`` the docs name, so the recipe always passes the keyword. It requires
  ``twilio-ruby ~> 5.0``.
- NuGet ``SignalWire-DotNet`` 2.4.6: the spec's ``TwilioClient.Init(project, token, new Dictionary<string,
  object> { ["signalwireSpaceUrl"] = … })``. Its sources are not public any more, so nothing says it reads an
  environment variable: the recipe always passes the dictionary.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from codemods._vocabulary import UNSUPPORTED_PRODUCTS

NODE_PACKAGE = "@signalwire/compatibility-api"
NODE_VERSION = "^3.2.0"
PHP_PACKAGE = "signalwire/signalwire"
PHP_VERSION = "^2.3"
RUBY_GEM = "signalwire"
RUBY_VERSION = "~> 2.5"
NUGET_PACKAGE = "SignalWire-DotNet"
NUGET_VERSION = "2.4.6"
SPACE_URL_ENV = "SIGNALWIRE_SPACE_URL"

#: Resources of the 2010-04-01 API that the Compatibility API spec does not list (snake_case names).
UNLISTED_RESOURCES = {
    "addresses": "Addresses",
    "keys": "API Keys",
    "new_keys": "API Keys",
    "signing_keys": "Signing Keys",
    "new_signing_keys": "Signing Keys",
    "short_codes": "Short Codes",
    "outgoing_caller_ids": "Outgoing Caller IDs",
    "sip": "SIP domains and credential lists",
    "usage": "Usage records and triggers",
    "tokens": "Network Traversal tokens",
    "validation_requests": "Caller ID validation requests",
    "connect_apps": "Connect Apps",
    "authorized_connect_apps": "Authorized Connect Apps",
    "notifications": "Notifications",
    "balance": "Balance",
}


def camel(name: str) -> str:
    """``flex_api`` → ``flexApi`` (twilio-node and twilio-php property names)."""
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def pascal(name: str) -> str:
    """``flex_api`` → ``FlexApi`` (twilio-csharp namespaces)."""
    return "".join(part.title() for part in name.split("_"))


def _missing(style: str) -> dict[str, tuple[str, str]]:
    """Client members that reach something SignalWire lacks: name → (finding code, what it is)."""
    converters: dict[str, Callable[[str], str]] = {"snake": str, "camel": camel, "pascal": pascal}
    convert = converters[style]
    table = {convert(name): ("SW100", product) for name, product in UNSUPPORTED_PRODUCTS.items()}
    table.update({convert(name): ("SW104", what) for name, what in UNLISTED_RESOURCES.items()})
    return table


MISSING_SNAKE = _missing("snake")
MISSING_CAMEL = _missing("camel")
MISSING_PASCAL = _missing("pascal")


def missing_message(name: str, code: str, what: str) -> str:
    """The finding text for a client member SignalWire's Compatibility API lacks."""
    if code == "SW100":
        return f"`{name}` is Twilio {what}: the SignalWire Compatibility API has no equivalent"
    return f"`{name}` ({what}) is not part of the Compatibility API spec: check SignalWire supports it"


HOSTED_URL = re.compile(r"https?://(?:handler\.twilio\.com|webhooks\.twilio\.com|[A-Za-z0-9-]+\.twil\.io)\S*")
VALIDATION_MESSAGE = "SignalWire signs webhooks with the project's Signing Key, not the auth token: review"
FROM_MESSAGE = "`from` must be a number of your SignalWire project"
SERVICE_SID_MESSAGE = "SignalWire webhooks carry no MessagingServiceSid: this reads nothing after the move"
