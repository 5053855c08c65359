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


def test_unsorted_block_is_placed_the_same_way_on_every_run() -> None:
    """``from typing`` directly above ``from twilio`` (no blank line): not sorted wholesale, stdlib stays
    first, and the second run (inside :func:`migrate`) changes nothing."""
    source = "from typing import Optional\nfrom twilio.rest import Client\nc: Optional[Client] = None\n"
    migrated, _ = migrate(source)
    assert migrated == source.replace("from twilio.rest", "from signalwire.rest")


def ruff_unsorted(root: Path, name: str) -> str:
    """I001 for *name* under the project's own ruff settings in *root* (not ``--isolated``)."""
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--select", "I001", "--output-format", "concise", name],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    return "" if result.returncode == 0 else result.stdout


SETTINGS_CASES = {
    "known-first-party": (
        '[tool.ruff.lint.isort]\nknown-first-party = ["shop"]\n',
        "import os\n\nfrom flask import Flask\nfrom twilio.rest import Client\n\nfrom shop import cart\n\n"
        "client = Client(os.environ['SID'], os.environ['TOKEN'])\napp, basket = Flask(__name__), cart\n",
    ),
    "force-sort-within-sections": (
        "[tool.ruff.lint.isort]\nforce-sort-within-sections = true\n",
        "import os\n\nfrom stripe import Charge\nimport structlog\nfrom twilio.rest import Client\n\n"
        "client, charge, log = Client(), Charge, structlog.get_logger(os.name)\n",
    ),
    "line-length": (
        "[tool.ruff]\nline-length = 57\n",
        "from twilio.rest import Client as TwilioRestClientForSms\n\nclient = TwilioRestClientForSms()\n",
    ),
}


@pytest.mark.parametrize("case", sorted(SETTINGS_CASES))
def test_the_projects_ruff_settings_are_honoured(tmp_path: Path, case: str) -> None:
    settings, source = SETTINGS_CASES[case]
    (tmp_path / "pyproject.toml").write_text(settings)
    module = tmp_path / "app.py"
    module.write_text(source)
    assert ruff_unsorted(tmp_path, "app.py") == "", "the input itself must pass the project's settings"
    migrated, _ = migrate(source, path=str(module))
    assert "from signalwire.rest import" in migrated
    module.write_text(migrated)
    assert ruff_unsorted(tmp_path, "app.py") == "", migrated


def test_isort_profile_black_and_line_length_are_honoured(tmp_path: Path) -> None:
    import isort

    (tmp_path / ".isort.cfg").write_text("[settings]\nprofile = black\nline_length = 50\n")
    source = "from flask import Flask\nfrom twilio.rest import Client as TwilioClientSms\n\napp = Flask(1)\n"
    config = isort.Config(settings_file=str(tmp_path / ".isort.cfg"))
    assert isort.check_code(source, config=config)
    migrated, _ = migrate(source, path=str(tmp_path / "app.py"))
    # One line too long for 50 columns once renamed: wrapped the way black-profile isort wraps.
    assert migrated.startswith(
        "from flask import Flask\nfrom signalwire.rest import (\n    Client as TwilioClientSms,\n)\n"
    )
    assert isort.check_code(migrated, config=config)
