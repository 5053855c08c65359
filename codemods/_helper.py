"""The one helper module of ``--target twilio-sdk``: twilio's ``Client``, pointed at the SignalWire space.

With the ``twilio`` package kept, a client reaches the space once its ``api`` domain's ``base_url`` is
``https://<space>`` (twilio builds ``{base_url}/2010-04-01/Accounts/...``). Rather than a helper function in
every file that builds a client, the repository gets one module defining a ``Client`` subclass that does
this, and each file's import line points at it: a call site (``Client(sid, token)``, in any expression
position), an annotation (``-> Client``) or an ``isinstance`` check keeps working byte for byte.

The module lives in the file's top-level package (so it is packaged and importable as ``pkg.signalwire_space``
wherever the package is), or next to a loose script (whose directory is on ``sys.path`` when it runs).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from codemods._vocabulary import SPACE_URL_ENV, SPACE_URL_KEYWORD

HELPER_MODULE = "signalwire_space"

_SOURCE = '''"""twilio's Client, pointed at the SignalWire space (written by ``sw-migrate codemod``).

The space comes from ``{keyword}=`` or {space_source},
as with ``signalwire.rest.Client``. Only the REST API (2010-04-01) moves: ``client.verify``,
``.conversations``, ... still call twilio.com.
"""

import os

from twilio.rest import Client as TwilioClient


class Client(TwilioClient):
    """A ``twilio.rest.Client`` whose REST API calls go to the SignalWire space."""

    def __init__(self, *args, {keyword}=None, **kwargs):
        super().__init__(*args, **kwargs)
        space = {keyword} or {space_expression}
        self.api.base_url = "https://" + space.split("://")[-1].rstrip("/")
'''


@dataclass(frozen=True)
class Helper:
    """Where a file's helper module is: its dotted name (for the import line) and its path."""

    module: str
    path: Path


def helper_source(space_url: str | None) -> bytes:
    """The module's text; a ``--space-url`` becomes the default, the environment variable still wins."""
    if space_url is None:
        source, expression = f"the ``{SPACE_URL_ENV}`` environment variable", f'os.environ["{SPACE_URL_ENV}"]'
    else:
        source = f"the ``{SPACE_URL_ENV}`` environment variable (default {space_url})"
        expression = f'os.environ.get("{SPACE_URL_ENV}", "{space_url}")'
    text = _SOURCE.format(keyword=SPACE_URL_KEYWORD, space_source=source, space_expression=expression)
    return text.encode()


def helper_for(path: str) -> Helper:
    """The helper module of the file at *path*: in its top-level package, else beside it."""
    return _helper_in(Path(path).parent)


@functools.lru_cache(maxsize=1024)
def _helper_in(directory: Path) -> Helper:
    package: Path | None = None
    current = directory.absolute()
    while (current / "__init__.py").is_file():
        package = current
        if current.parent == current:
            break
        current = current.parent
    if package is None:
        return Helper(HELPER_MODULE, directory / f"{HELPER_MODULE}.py")
    top = directory
    for _ in range(len(directory.absolute().relative_to(package).parts)):
        top = top.parent
    return Helper(f"{package.name}.{HELPER_MODULE}", top / f"{HELPER_MODULE}.py")


def is_helper_file(path: str) -> bool:
    """True for a helper module itself, which must never be rewritten to import from itself."""
    return Path(path).name == f"{HELPER_MODULE}.py"


def uses_helper(path: str, data: bytes) -> bool:
    """Whether migrated *data* imports its helper module (so the module must exist)."""
    return f"from {helper_for(path).module} import".encode() in data
