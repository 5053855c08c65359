"""Manifests of the four other SDKs: the Twilio package replaced by the spec's, every other byte kept; lock
files reported, never edited."""

from __future__ import annotations

import pytest

from codemods._treesitter._manifests import migrate_other_manifest

CASES = [
    (
        "package.json",
        b'{\r\n  "dependencies": {\r\n    "twilio": "^3.84.1", "express": "^4"\r\n  },\r\n  "name": "twilio"\r\n}\r\n',
        b'{\r\n  "dependencies": {\r\n    "@signalwire/compatibility-api": "^3.2.0", "express": "^4"\r\n  },\r\n'
        b'  "name": "twilio"\r\n}\r\n',
    ),
    (
        "composer.json",
        b'{\n    "require": {\n        "php": ">=7.4",\n        "twilio/sdk" : "^6.44"\n    }\n}\n',
        b'{\n    "require": {\n        "php": ">=7.4",\n        "signalwire/signalwire" : "^2.3"\n    }\n}\n',
    ),
    (
        "Gemfile",
        b"source 'https://rubygems.org'\ngem 'twilio-ruby', '~> 5.77', require: false # SMS\ngem \"twilio-ruby\"\n",
        b"source 'https://rubygems.org'\ngem 'signalwire', '~> 2.5', require: false # SMS\ngem \"signalwire\"\n",
    ),
    (
        "app.gemspec",
        b"  spec.add_dependency 'twilio-ruby', '>= 5', '< 6'\n  spec.add_dependency 'rack'\n",
        b"  spec.add_dependency 'signalwire', '~> 2.5'\n  spec.add_dependency 'rack'\n",
    ),
    (
        "App.csproj",
        b'<ItemGroup>\n  <PackageReference Include="Twilio" Version="7.2.0" />\n'
        b'  <PackageReference Include="Twilio.AspNet.Core" Version="8.0.0" />\n</ItemGroup>\n',
        b'<ItemGroup>\n  <PackageReference Include="SignalWire-DotNet" Version="2.4.6" />\n'
        b'  <PackageReference Include="Twilio.AspNet.Core" Version="8.0.0" />\n</ItemGroup>\n',
    ),
    (
        "packages.config",
        b'<packages>\n  <package id="Twilio" version="5.20.1" targetFramework="net472" />\n</packages>\n',
        b'<packages>\n  <package id="SignalWire-DotNet" version="2.4.6" targetFramework="net472" />\n</packages>\n',
    ),
]


@pytest.mark.parametrize(("name", "before", "after"), CASES, ids=[case[0] for case in CASES])
def test_twilio_package_replaced_other_bytes_kept(name: str, before: bytes, after: bytes) -> None:
    new, findings = migrate_other_manifest(name, before)
    assert new == after
    assert findings and {finding.code for finding in findings} == {"SW200"}
    assert migrate_other_manifest(name, after) == (None, [])  # a second run changes nothing


@pytest.mark.parametrize(
    ("name", "command"),
    [
        ("package-lock.json", "npm install"),
        ("composer.lock", "composer update"),
        ("Gemfile.lock", "bundle install"),
    ],
)
def test_lock_files_are_reported_not_edited(name: str, command: str) -> None:
    new, findings = migrate_other_manifest(name, b'{\n  "x": 1,\n  "twilio": "3.84.1"\n}\n')
    assert new is None
    (finding,) = findings
    assert (finding.line, finding.col, finding.code) == (3, 4, "SW202")
    assert f"run `{command}`" in finding.message


def test_look_alike_packages_untouched() -> None:
    data = b'{"dependencies": {"twilio-video": "^2", "@twilio/voice-sdk": "^2"}}\n'
    assert migrate_other_manifest("package.json", data) == (None, [])
    gemfile = b"gem 'twilio-ruby-extras'\n"
    assert migrate_other_manifest("Gemfile", gemfile) == (None, [])
