"""LaML Bins: mustache-templated documents hosted by SignalWire.

A bin is checked in three passes, each reported at positions in the template:
1. the mustache layer — tags balanced, no Handlebars (Twilio TwiML Bins use it; SignalWire renders mustache),
   and no unescaped variables, which let caller input (``{{{Body}}}``) inject XML;
2. the raw template as XML — mustache tags may only sit in text and attribute values, so the template itself
   must be well-formed and structurally valid (values holding tags are not checked yet);
3. the template rendered (by pystache) with sample request parameters, validated like any document; what
   it finds is reported where the template wrote it (see :mod:`laml._origins`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pystache

from laml._origins import TemplateOrigins, marked
from laml._parsing import FAILURE_CODES, ParseFailure, as_bytes, document_text, parse
from laml.diagnostics import CODES, Diagnostic
from laml.validator import DialectName, check_document, document_kind

#: Parameters SignalWire sends with a voice request; values chosen to look real and to exercise escaping.
SAMPLE_VOICE_PARAMETERS = {
    "AccountSid": "b3877c40-da60-4998-90ad-b792e98472af",
    "ApiVersion": "2010-04-01",
    "CallSid": "c7f8d2e4-9a6b-4c3d-8e1f-2a3b4c5d6e7f",
    "CallStatus": "ringing",
    "Called": "+15557654321",
    "Caller": "+15551234567",
    "Direction": "inbound",
    "From": "+15551234567",
    "To": "+15557654321",
    "ForwardedFrom": "",
    "CallerName": "Ada & <Co>",
    "Digits": "1",
    "SpeechResult": "yes please",
    "RecordingUrl": "https://example.signalwire.com/recordings/1.wav",
}
#: Parameters sent with an incoming message; the body carries XML-special characters on purpose.
SAMPLE_MESSAGING_PARAMETERS = {
    "AccountSid": "b3877c40-da60-4998-90ad-b792e98472af",
    "ApiVersion": "2010-04-01",
    "MessageSid": "5f2c9e1a-7b3d-4e8f-9a0b-1c2d3e4f5a6b",
    "SmsSid": "5f2c9e1a-7b3d-4e8f-9a0b-1c2d3e4f5a6b",
    "From": "+15551234567",
    "To": "+15557654321",
    "Body": "Hi <Response> & 'friends'",
    "NumMedia": "0",
}

#: Deepest section nesting accepted. Real bins nest two or three levels; pystache renders sections
#: recursively, so hundreds of levels would exhaust Python's stack (a RecursionError, not a finding).
MAX_SECTION_DEPTH = 32

_TAG = re.compile(r"\{\{(\{)?\s*([#^/!>&=]?)\s*(.*?)\s*(\})?\}\}", re.DOTALL)
_HANDLEBARS_BLOCKS = {"if", "unless", "each", "with"}


@dataclass(frozen=True)
class _Tag:
    offset: int
    sigil: str
    name: str
    triple: bool


def check_bin(source: bytes | str, *, dialect: DialectName, path: str) -> list[Diagnostic]:
    """All diagnostics for one bin's contents (see the module docstring for the three passes)."""
    data, force_utf8 = as_bytes(source)
    text = source if isinstance(source, str) else document_text(data)
    template_findings = _check_mustache(text, path)
    diagnostics = template_findings + check_document(source, dialect=dialect, path=path, templated=True)
    if any(d.code in ("LAML301", "LAML303", "LAML304") for d in template_findings) or any(
        d.code.startswith("LAML00") for d in diagnostics
    ):
        return sorted(diagnostics, key=_position)
    template = parse(data, force_utf8, keep_whitespace=False)
    if isinstance(template, ParseFailure):  # reported above: LAML00x
        return sorted(diagnostics, key=_position)
    kind = document_kind(template)
    parameters = SAMPLE_MESSAGING_PARAMETERS if kind == "messaging" else SAMPLE_VOICE_PARAMETERS
    renderer = pystache.Renderer(missing_tags="ignore")
    rendered = renderer.render(text, parameters)
    origins = TemplateOrigins(text, template, renderer.render(marked(text), parameters))
    seen = {(d.code, d.message) for d in diagnostics}
    note = f"rendered with sample {kind} parameters"
    for finding in check_document(rendered, dialect=dialect, path=path, positions=origins.positions):
        if (finding.code, finding.message) in seen:
            continue
        if finding.code in FAILURE_CODES:  # no tree: placed by the rule in laml._origins
            line, col = origins.failure_position(rendered, finding.line, finding.col)
            where = f"{note}; at {finding.line}:{finding.col} of the rendered text"
            diagnostics.append(finding._replace(line=line, col=col, message=f"{finding.message} ({where})"))
        else:
            diagnostics.append(finding._replace(message=f"{finding.message} ({note})"))
    return sorted(diagnostics, key=_position)


def _position(diagnostic: Diagnostic) -> tuple[int, int, str]:
    return diagnostic.line, diagnostic.col, diagnostic.code


def _check_mustache(text: str, path: str) -> list[Diagnostic]:
    findings: list[Diagnostic] = []

    def report(offset: int, code: str, message: str, fix: str | None = None) -> None:
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        findings.append(Diagnostic(path, line, col, code, CODES[code][0], message, fix))

    open_sections: list[_Tag] = []
    for tag in _tags(text):
        if tag.sigil in ("#", "^") and len(open_sections) == MAX_SECTION_DEPTH:
            report(
                tag.offset,
                "LAML304",
                f"mustache sections nested more than {MAX_SECTION_DEPTH} deep; the template was not rendered",
            )
            return findings
        if tag.sigil == "" and tag.name == "":
            report(tag.offset, "LAML301", "empty mustache tag {{}}")
        elif tag.triple or tag.sigil == "&":
            shown = f"{{{{{{{tag.name}}}}}}}" if tag.triple else f"{{{{& {tag.name}}}}}"
            report(
                tag.offset,
                "LAML302",
                f"{shown} inserts {tag.name!r} without escaping: a caller can inject XML",
                fix=f"{{{{{tag.name}}}}}",
            )
        elif tag.sigil == "=":
            report(tag.offset, "LAML301", "delimiter changes ({{=...=}}) are not supported in LaML Bins")
        elif tag.sigil in ("#", "^"):
            words = tag.name.split()
            if words and words[0] in _HANDLEBARS_BLOCKS and len(words) > 1:
                report(
                    tag.offset, "LAML303", _handlebars_message(words), fix=_handlebars_fix(tag.sigil, words)
                )
                open_sections.append(_Tag(tag.offset, tag.sigil, words[0], False))
            elif len(words) != 1:
                report(
                    tag.offset,
                    "LAML303",
                    f"{{{{{tag.sigil}{tag.name}}}}} calls a Handlebars helper; "
                    "mustache sections take a single name",
                )
                open_sections.append(_Tag(tag.offset, tag.sigil, words[0] if words else "", False))
            else:
                open_sections.append(tag)
        elif tag.sigil == "/":
            if not open_sections:
                report(tag.offset, "LAML301", f"{{{{/{tag.name}}}}} closes a section that was never opened")
            elif open_sections[-1].name != tag.name:
                opened = open_sections.pop()
                report(
                    tag.offset,
                    "LAML301",
                    f"{{{{/{tag.name}}}}} closes {{{{{opened.sigil}{opened.name}}}}} "
                    f"opened on line {text.count(chr(10), 0, opened.offset) + 1}",
                    fix=f"{{{{/{opened.name}}}}}",
                )
            else:
                open_sections.pop()
        elif tag.sigil == "" and tag.name == "else":
            report(
                tag.offset,
                "LAML303",
                "{{else}} is Handlebars; mustache writes the else branch as an inverted "
                "section {{^name}}...{{/name}}",
            )
        elif tag.sigil == "" and len(tag.name.split()) > 1:
            report(
                tag.offset,
                "LAML303",
                f"{{{{{tag.name}}}}} calls a Handlebars helper, which mustache cannot; "
                "compute the value in your application or drop the helper",
            )
    for section in open_sections:
        report(
            section.offset,
            "LAML301",
            f"section {{{{{section.sigil}{section.name}}}}} is never closed",
            fix=f"{{{{/{section.name}}}}}",
        )
    unterminated = text.find("{{", _last_tag_end(text))
    if unterminated >= 0:
        report(unterminated, "LAML301", "'{{' is never closed by '}}'")
    return findings


def _tags(text: str) -> list[_Tag]:
    tags = []
    for match in _TAG.finditer(text):
        brace_open, sigil, name, brace_close = match.groups()
        if sigil == "!":
            continue
        tags.append(_Tag(match.start(), sigil, name.rstrip("}=").strip(), bool(brace_open and brace_close)))
    return tags


def _last_tag_end(text: str) -> int:
    ends = [match.end() for match in _TAG.finditer(text)]
    return ends[-1] if ends else 0


def _handlebars_message(words: list[str]) -> str:
    block, argument = words[0], " ".join(words[1:])
    return (
        f"{{{{#{block} {argument}}}}} is a Handlebars block; SignalWire renders mustache, "
        "where it is a section"
    )


def _handlebars_fix(sigil: str, words: list[str]) -> str:
    block, argument = words[0], words[1]
    if block == "unless":
        return f"{{{{^{argument}}}}}...{{{{/{argument}}}}}"
    if block == "if":
        section, inverted = f"{{{{#{argument}}}}}", f"{{{{^{argument}}}}}"
        return f"{section}...{{{{/{argument}}}}} (and {inverted}...{{{{/{argument}}}}} for else)"
    return f"{{{{{sigil}{argument}}}}}...{{{{/{argument}}}}}"
