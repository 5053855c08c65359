"""Account profiles: which API to talk to and with which credentials (DESIGN.md, "CLI contract").

``--account`` names either a built-in account read from the environment (``twilio``, ``signalwire``) or a
profile in the config file. Every problem is reported as one line naming the variable or profile key to fix,
because the person reading it is usually editing exactly that line.
"""

from __future__ import annotations

import ipaddress
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised only on Python 3.10
    import tomli as tomllib

Kind = Literal["twilio", "signalwire"]

TWILIO_BASE_URL = "https://api.twilio.com/2010-04-01"
SIGNALWIRE_API_PATH = "/api/laml/2010-04-01"
CONFIG_FILE_NAME = "sw-migrate.toml"
PROFILE_KEYS = frozenset({"kind", "account_sid", "token_env", "token", "space_url", "base_url"})


class AccountError(Exception):
    """A configuration problem the user must fix; the CLI prints it on one line and exits 2."""


class Secret:
    """A token that never shows itself: ``repr``/``str`` are redacted so a stray log line cannot leak it."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """The real value, for the one place that needs it (HTTP Basic auth)."""
        return self._value

    def __repr__(self) -> str:
        return "Secret('********')"

    __str__ = __repr__


@dataclass(frozen=True)
class Account:
    """What a client needs to reach one account; ``credential_source`` says where the token came from."""

    name: str
    kind: Kind
    account_sid: str
    token: Secret = field(repr=False)
    base_url: str
    credential_source: str


def is_loopback_host(host: str) -> bool:
    """True for ``localhost`` and loopback IP literals: the only hosts plain ``http://`` may reach."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_base_url(url: str, where: str) -> str:
    """Return *url* without a trailing slash, or raise if it would send credentials somewhere unsafe.

    Credentials travel in every request, so ``http://`` is only allowed to a loopback host (the emulator,
    a local proxy) and a URL with embedded user info is refused outright.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise AccountError(f"{where}: {url!r} is not an http(s) URL")
    if parts.username is not None or parts.password is not None:
        raise AccountError(f"{where}: put credentials in the token settings, not in the URL")
    if parts.query or parts.fragment:
        raise AccountError(f"{where}: {url!r} must not have a query or fragment")
    if parts.scheme == "http" and not is_loopback_host(parts.hostname):
        raise AccountError(f"{where}: http:// is only allowed for loopback hosts; use https://")
    return url.rstrip("/")


def signalwire_base_url(space_url: str, where: str) -> str:
    """``example.signalwire.com`` (or a full origin such as ``http://127.0.0.1:8080``) → the API base URL."""
    origin = space_url if "://" in space_url else f"https://{space_url}"
    return check_base_url(origin.rstrip("/") + SIGNALWIRE_API_PATH, where)


def resolve_account(
    name: str,
    *,
    config: Path | None = None,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    home: Path | None = None,
) -> Account:
    """Turn an ``--account`` value into an :class:`Account`, or raise :class:`AccountError`."""
    environ = os.environ if env is None else env
    if name == "twilio":
        return _twilio_from_env(environ)
    if name == "signalwire":
        return _signalwire_from_env(environ)
    path = find_config(config, cwd=cwd, home=home)
    if path is None:
        raise AccountError(
            f"unknown account {name!r}: not 'twilio' or 'signalwire', and no config file "
            f"(./{CONFIG_FILE_NAME} or ~/.config/sw-migrate/config.toml) exists"
        )
    profiles = load_profiles(path)
    if name not in profiles:
        raise AccountError(f"unknown account {name!r}: {path} has no [accounts.{name}] table")
    return _from_profile(name, profiles[name], path, environ)


def find_config(config: Path | None, *, cwd: Path | None = None, home: Path | None = None) -> Path | None:
    """``--config FILE``, else ``./sw-migrate.toml``, else ``~/.config/sw-migrate/config.toml``."""
    if config is not None:
        if not config.is_file():
            raise AccountError(f"config file {config} does not exist")
        return config
    for candidate in (
        (cwd or Path.cwd()) / CONFIG_FILE_NAME,
        (home or Path.home()) / ".config" / "sw-migrate" / "config.toml",
    ):
        if candidate.is_file():
            return candidate
    return None


def load_profiles(path: Path) -> dict[str, Mapping[str, Any]]:
    """The ``[accounts.*]`` tables of a config file."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise AccountError(f"{path}: cannot read config file: {error}") from None
    accounts = document.get("accounts", {})
    if not isinstance(accounts, dict) or not all(isinstance(v, dict) for v in accounts.values()):
        raise AccountError(f"{path}: 'accounts' must be a table of [accounts.NAME] tables")
    return accounts


def _require_env(env: Mapping[str, str], variable: str, purpose: str) -> str:
    value = env.get(variable, "").strip()
    if not value:
        raise AccountError(f"environment variable {variable} is not set ({purpose})")
    return value


def _twilio_from_env(env: Mapping[str, str]) -> Account:
    purpose = "needed by --account twilio"
    return Account(
        name="twilio",
        kind="twilio",
        account_sid=_require_env(env, "TWILIO_ACCOUNT_SID", purpose),
        token=Secret(_require_env(env, "TWILIO_AUTH_TOKEN", purpose)),
        base_url=TWILIO_BASE_URL,
        credential_source="environment variable TWILIO_AUTH_TOKEN",
    )


def _signalwire_from_env(env: Mapping[str, str]) -> Account:
    purpose = "needed by --account signalwire"
    space_url = _require_env(env, "SIGNALWIRE_SPACE_URL", purpose)
    return Account(
        name="signalwire",
        kind="signalwire",
        account_sid=_require_env(env, "SIGNALWIRE_PROJECT_ID", purpose),
        token=Secret(_require_env(env, "SIGNALWIRE_TOKEN", purpose)),
        base_url=signalwire_base_url(space_url, "environment variable SIGNALWIRE_SPACE_URL"),
        credential_source="environment variable SIGNALWIRE_TOKEN",
    )


def _profile_string(profile: Mapping[str, Any], key: str, prefix: str) -> str | None:
    value = profile.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise AccountError(f"{prefix}.{key} must be a non-empty string")
    return value.strip()


def _from_profile(name: str, profile: Mapping[str, Any], path: Path, env: Mapping[str, str]) -> Account:
    prefix = f"{path}: accounts.{name}"
    unknown = sorted(set(profile) - PROFILE_KEYS)
    if unknown:
        raise AccountError(
            f"{prefix}.{unknown[0]} is not a known key (known: {', '.join(sorted(PROFILE_KEYS))})"
        )
    kind = profile.get("kind")
    if kind not in ("twilio", "signalwire"):
        raise AccountError(f'{prefix}.kind must be "twilio" or "signalwire"')
    account_sid = _profile_string(profile, "account_sid", prefix)
    if account_sid is None:
        raise AccountError(f"{prefix}.account_sid is missing")
    token, credential_source = _profile_token(profile, prefix, env)
    base_url = _profile_string(profile, "base_url", prefix)
    space_url = _profile_string(profile, "space_url", prefix)
    if base_url is not None:
        base = check_base_url(base_url, f"{prefix}.base_url")
    elif kind == "signalwire":
        if space_url is None:
            raise AccountError(f'{prefix}.space_url is missing (needed for kind = "signalwire")')
        base = signalwire_base_url(space_url, f"{prefix}.space_url")
    else:
        base = TWILIO_BASE_URL
    return Account(name, kind, account_sid, token, base, credential_source)


def _profile_token(profile: Mapping[str, Any], prefix: str, env: Mapping[str, str]) -> tuple[Secret, str]:
    variable = _profile_string(profile, "token_env", prefix)
    if variable is not None:
        value = env.get(variable, "").strip()
        if not value:
            raise AccountError(f"environment variable {variable} (named by {prefix}.token_env) is not set")
        return Secret(value), f"environment variable {variable} ({prefix}.token_env)"
    literal = _profile_string(profile, "token", prefix)
    if literal is None:
        raise AccountError(f"{prefix}.token_env is missing (the name of the env var holding the token)")
    return Secret(literal), f"{prefix}.token"
