"""Files whose imports are sorted stay sorted: users run isort or ruff on what the codemod writes.

Each input below passes ``ruff check --select I001`` (isort's default profile); the migrated file must too,
whether imports are replaced in place, split between twilio and signalwire, or ``import os`` is added.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from codemod_helpers import migrate

SORTED_INPUTS = {
    "replaced-in-place": "from twilio.rest import Client\n\nclient = Client(sid, token)\n",
    "split-between-packages": (
        "from twilio.twiml.voice_response import Connect, Conversation, VoiceResponse\n\n"
        "response = VoiceResponse()\nresponse.append(Connect())\n"
    ),
    "os-after-stdlib": (
        '"""Doc."""\n\nimport logging\n\nfrom flask import Flask\nfrom twilio.rest import Client\n\n'
        "client = Client()\n"
    ),
    "os-before-later-stdlib": "import sys\n\nfrom twilio.rest import Client\n\nclient = Client()\n",
    "os-as-a-new-section": "from flask import request\nfrom twilio.rest import Client\n\nclient = Client()\n",
    "renamed-line-moves-above-twilio": (
        "import logging\n\nfrom twilio.base.exceptions import TwilioRestException\n"
        "from twilio.rest import Client\n\n"
        "client = Client(sid, token)\nerror = TwilioRestException\nlog = logging.getLogger()\n"
    ),
    "legacy-twiml-and-client": (
        "from twilio import twiml\nfrom twilio.rest import TwilioRestClient\n\n"
        "client = TwilioRestClient(account=a, token=t)\nresponse = twiml.Response()\n"
    ),
}


def unsorted(tmp_path: Path, name: str, source: str) -> str:
    """ruff's I001 report for *source* ("" when the imports are sorted)."""
    path = tmp_path / f"{name}.py"
    path.write_text(source)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--isolated",
            "--select",
            "I001",
            "--output-format",
            "concise",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    return "" if result.returncode == 0 else result.stdout


@pytest.mark.parametrize("name", sorted(SORTED_INPUTS))
def test_sorted_imports_stay_sorted(tmp_path: Path, name: str) -> None:
    source = SORTED_INPUTS[name]
    assert unsorted(tmp_path, "before", source) == "", "the input itself must be sorted"
    migrated, _ = migrate(source, space_url=None)
    assert migrated != source
    assert unsorted(tmp_path, "after", migrated) == "", migrated
