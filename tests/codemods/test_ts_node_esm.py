"""Node.js: ESM ``import { twiml }`` and ``const T = twilio.Twilio`` migrated in a whole file (the output
reparses cleanly, a second run changes nothing), and the look-alikes that stay untouched or reported."""

from __future__ import annotations

from ts_golden import SPACE, check

from codemods._treesitter import migrate_source
from codemods._treesitter._engine import Rewrite

TWILIO_CLASS = (
    "// sw-migrate: SW105 `Twilio` is twilio-node's own client class, still pointed at api.twilio.com: "
    "construct with RestClient"
)


def test_twiml_import_and_class_alias_in_one_typescript_file() -> None:
    codes = check(
        "typescript",
        """\
        import { Twilio, twiml as laml } from 'twilio';
        import express from 'express';

        const Client = Twilio;
        export function reply(): string {
          const client = new Client(process.env.SID!, process.env.TOKEN!);
          const response = new laml.MessagingResponse();
          return response.toString();
        }
        """,
        """\
        import { RestClient as Twilio } from '@signalwire/compatibility-api';
        const laml = Twilio.LaML;
        import express from 'express';

        const Client = Twilio;
        export function reply(): string {
          const client = Client(process.env.SID!, process.env.TOKEN!);
          const response = new laml.MessagingResponse();
          return response.toString();
        }
        """,
        [],
    )
    assert codes == []
    check(
        "javascript",
        """\
        const twilio = require('twilio');
        const Rest = twilio.Twilio, other = twilio.Twilio.prototype;
        const client = new Rest(sid, token);
        """,
        f"""\
        const twilio = require('@signalwire/compatibility-api').RestClient;
        {TWILIO_CLASS}
        const Rest = twilio, other = twilio.Twilio.prototype;
        const client = Rest(sid, token, {{ signalwireSpaceUrl: '{SPACE}' }});
        """,
        ["SW105"],
        SPACE,
    )


def test_migrated_output_reparses_cleanly() -> None:
    source = b"import { twiml } from 'twilio'\nimport twilio from 'twilio'\nconst T = twilio.Twilio\n"
    new, findings = migrate_source(source, "a.ts", "typescript")
    assert findings == []
    assert new == (
        b"import { RestClient } from '@signalwire/compatibility-api'\nconst twiml = RestClient.LaML\n"
        b"import { RestClient as twilio } from '@signalwire/compatibility-api'\nconst T = twilio\n"
    )
    Rewrite.parse(new, "a.ts", "typescript")  # raises SyntaxErrors on any error node


def test_look_alikes_left_alone() -> None:
    source = """\
    import { twiml } from './twilio';
    import { twiml as t } from 'twilio-video';
    import sdk from 'sdk';
    const T = sdk.Twilio;
    const U = Twilio;
    """
    check("typescript", source, source, [])


def test_forms_that_stay_reported() -> None:
    check(
        "typescript",
        """\
        import twilio, { twiml } from 'twilio';
        import { type twiml as t } from 'twilio';
        """,
        """\
        // sw-migrate: SW105 @signalwire/compatibility-api's ESM build exports only RestClient: import it and use RestClient.LaML
        import twilio, { twiml } from 'twilio';
        // sw-migrate: SW105 @signalwire/compatibility-api's ESM build exports only RestClient: import it and use RestClient.LaML
        import { type twiml as t } from 'twilio';
        """,
        ["SW105", "SW105"],
    )
    check(
        "typescript",
        """\
        import twilio from 'twilio';
        let T;
        T = twilio.Twilio;
        const V: typeof twilio.Twilio = twilio.Twilio;
        """,
        f"""\
        import {{ RestClient as twilio }} from '@signalwire/compatibility-api';
        let T;
        {TWILIO_CLASS}
        T = twilio.Twilio;
        {TWILIO_CLASS}
        const V: typeof twilio.Twilio = twilio.Twilio;
        """,
        ["SW105", "SW105", "SW105"],
    )
