"""The generated type stubs match the vocabulary, so IDEs and mypy see every builder method."""

from __future__ import annotations

import inspect

from laml import _stubs, voice_response


def test_stubs_are_in_step_with_the_vocabulary() -> None:
    for module in _stubs.MODULES:
        assert _stubs.stub_path(module).read_text() == _stubs.render(module), (
            f"{module}.pyi is stale: run python -m laml._stubs"
        )


def test_stub_signatures_match_the_runtime_methods() -> None:
    stub = _stubs.stub_path("voice_response").read_text()
    runtime = inspect.signature(voice_response.VoiceResponse.dial)
    parameters = ", ".join(
        f"{name}: Any" + ("" if p.default is inspect.Parameter.empty else " = None")
        for name, p in runtime.parameters.items()
        if name not in ("self", "kwargs")
    )
    assert f"def dial(self, {parameters}, **kwargs: Any) -> Dial: ..." in stub
