"""Derive the machine-readable contract from the spec text.

Usage: ``python -m migrate.contract.derive [SPEC] [--check]``.

The spec (``../shared/spec/compatibility-rest-api.txt``) is the source of truth; the committed
``compatibility-api.json`` next to this file is what the code reads, and this script is how it is made, so
the data never drifts from the text. ``--check`` compares instead of writing (exit 1 on any difference).

What is taken from where:
- error codes: the "Error codes" table;
- each of the 16 resources (the API Reference's section headings, in the spec's order): the fields and JSON
  types of its sample object and the attribute table's declared types;
- each operation (every ``curl`` example, grouped by method + path): its paths in both dialects, the status
  and JSON example of its response, its parameter table (required / optional, allowed values, limits) and
  the callback parameters the section documents;
- where the spec disagrees with itself, the table wins and the disagreement is listed in ``contradictions``
  (where no table decides — "make a PUT" above an example that POSTs — both are accepted);
- error codes the spec's table lacks for a case the emulator must answer (a Call without ``To``): Twilio's
  documented code, each listed once in ``gaps`` (:data:`GAPS`) with the page that documents it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from migrate.contract import _spec_text as text
from migrate.contract._limits import constraints

SPEC_IN_SHARED = Path("spec") / "compatibility-rest-api.txt"
DATA_FILE = Path(__file__).with_name("compatibility-api.json")
PREFIXES = {"signalwire": "/api/laml/2010-04-01", "twilio": "/2010-04-01"}
#: The API Reference's section headings (exact lines of the spec, in order) → the resource's path name.
RESOURCES = (
    ("Accounts", "Accounts"),
    ("Applications", "Applications"),
    ("Available Phone Numbers", "AvailablePhoneNumbers"),
    ("Calls", "Calls"),
    ("Conference Participants", "Participants"),
    ("Conferences", "Conferences"),
    ("Faxes", "Faxes"),
    ("Fax Media", "FaxMedia"),
    ("Incoming Phone Numbers", "IncomingPhoneNumbers"),
    ("LāML Bins", "LamlBins"),
    ("Messages", "Messages"),
    ("Media", "Media"),
    ("Recordings", "Recordings"),
    ("Recording Transcriptions", "Transcriptions"),
    ("Queues", "Queues"),
    ("Queue Members", "QueueMembers"),
)
#: Resources only SignalWire has: no Twilio path.
SIGNALWIRE_ONLY = frozenset({"LamlBins"})
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_HTTP_LINE = re.compile(r"^(GET|POST|PUT|DELETE) /")
_STATUS_LINE = re.compile(r"^(\d{3}) [A-Za-z]")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_CALLBACK_HEADING = re.compile(r"^(?:The )?(\w*StatusCallback)(?: Parameters)?$")
#: Literal path segments the tables list as parameters (``Members/Front`` instead of ``Members/{CallSid}``).
PATH_LITERALS = frozenset({"Front"})
_EITHER = re.compile(r"Only (\w+) or (\w+) need be set")
#: Prose naming the method of the example it describes ("To update a Bin, make a PUT request").
_SAID_METHOD = re.compile(r"\bmake an? (GET|POST|PUT|DELETE)\b")
_TWILIO_ERRORS = "https://www.twilio.com/docs/api/errors/"
#: The error code for leaving out a required parameter, where one is documented: the spec's table for
#: messages; Twilio's page for calls (the spec has no code, Twilio's API answers these). Every other missing
#: or invalid parameter gets Twilio's generic 400 (see GAPS).
MISSING_CODES = {
    ("Messages", "To"): 21604,
    ("Messages", "From"): 21603,
    ("Messages", "Body"): 21602,
    ("Messages", "MediaUrl"): 21602,
    ("Calls", "To"): 21201,
    ("Calls", "From"): 21213,
}
#: Codes the emulator answers with that the spec's "Error codes" table does not list: Twilio's documented
#: code for the case, recorded once here (the derivation checks none of them is in the spec's table, so a
#: spec that starts documenting one makes the regeneration test fail and this list shrink).
GAPS = (
    (400, "Bad Request", "a missing or invalid parameter the spec gives no code for (Twilio's generic code)"),
    (20003, "Authenticate", "missing or wrong credentials (401)"),
    (20004, "Method not allowed", "a method the path does not document (405)"),
    (20007, "Invalid PageSize", "PageSize outside 1-1000"),
    (20404, "Not Found", "an unknown path, or a resource of another account"),
    (21201, "No 'To' number specified", "Create a Call without To"),
    (21205, "Invalid URL", "a URL parameter that is not an absolute http(s) URL"),
    (21211, "Invalid 'To' Phone Number", "Send a Message to a number not in E.164"),
    (21213, "Caller phone number is required", "Create a Call without From"),
    (21218, "Invalid ApplicationSid", "a VoiceApplicationSid/SmsApplicationSid the account does not have"),
    (21220, "Invalid call state", "Update a Call (Url, Status) or a Recording (Status) that has ended"),
    (21422, "PhoneNumber is not available", "Create an IncomingPhoneNumber that is not for sale"),
    (21609, "Invalid StatusCallback", "a Message StatusCallback that is not an absolute http(s) URL"),
)
#: The attribute tables' type words → JSON types (``datetime`` values are RFC 2822 / ISO 8601 strings).
DECLARED_JSON_TYPES = {
    "string": "string",
    "datetime": "string",
    "integer": "integer",
    "int": "integer",
    "boolean": "boolean",
    "object": "object",
    "decimal": "number",
}
DEFAULT_STATUS = {"create": 201, "delete": 204}


def json_type(value: Any) -> str:
    """The JSON type name of an example value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def field_types(example: dict[str, Any]) -> dict[str, str]:
    """Field name → JSON type of a sample object (nested objects keep their inner types one level down)."""
    return {name: json_type(value) for name, value in example.items()}


def _error_codes(lines: list[str]) -> list[dict[str, Any]]:
    start = lines.index("Error codes")
    header = next(i for i in range(start, len(lines)) if lines[i].startswith("Code | Type | Message"))
    codes = []
    index = header + 2
    while index + 1 < len(lines) and lines[index].rstrip(" |").isdigit():
        kind, _, message = lines[index + 1].rstrip(" |").partition(" | ")
        codes.append(
            {"code": int(lines[index].rstrip(" |")), "type": kind.strip(), "message": message.strip()}
        )
        index += 2
    return codes


def _sections(lines: list[str]) -> list[tuple[str, str, int, int]]:
    """``(heading, resource, start, end)`` of each resource section, found in the spec's order."""
    found = []
    cursor = lines.index("API Reference")
    for heading, resource in RESOURCES:
        cursor = lines.index(heading, cursor + 1)
        found.append((heading, resource, cursor))
    return [
        (heading, resource, start, found[i + 1][2] if i + 1 < len(found) else len(lines))
        for i, (heading, resource, start) in enumerate(found)
    ]


def _normalise_path(url: str) -> tuple[str, list[tuple[str, str]]]:
    """A curl URL → the dialect-less path template (concrete SIDs → ``{Sid}``) and its query pairs."""
    after = url.split("/2010-04-01", 1)[1]
    path, _, query = after.partition("?")
    path = _UUID.sub("{Sid}", path)
    path = re.sub(r"\.JSON$", ".json", path)
    path = re.sub(r"/AvailablePhoneNumbers/US\b", "/AvailablePhoneNumbers/{IsoCountry}", path)
    pairs = [tuple(part.split("=", 1)) for part in query.split("&") if "=" in part]
    return path, [(name.rstrip("<>"), value) for name, value in pairs]


def _shape(path: str) -> str:
    """The grouping key of a path: placeholders anonymous, ``.json`` dropped."""
    return _PLACEHOLDER.sub("{}", path.removesuffix(".json"))


def _action(method: str, path: str) -> str:
    last = path.removesuffix(".json").rsplit("/", 1)[1]
    instance = last.startswith("{") or last == "Front"
    if method == "DELETE":
        return "delete"
    if method == "GET":
        return "fetch" if instance else "list"
    return "update" if instance else "create"


def _parameter(key: str, description: str, path: str, sent: set[str], method: str) -> dict[str, Any]:
    name, _, qualifier = key.partition(" ")
    placeholders = set(_PLACEHOLDER.findall(path))
    is_path = name in PATH_LITERALS or (
        name not in sent
        and (name in placeholders or (name == "Sid" and path.removesuffix(".json").endswith("}")))
    )
    where = "path" if is_path else ("query" if method == "GET" else "form")
    parameter: dict[str, Any] = {"name": name, "in": where, "required": qualifier.startswith("required")}
    unless = re.match(r"required\*if (\w+) is not present", qualifier)
    if unless:
        parameter["required"] = False
        parameter["required_unless"] = unless.group(1)
    parameter.update(constraints(description))
    parameter["description"] = description
    return parameter


def _missing_codes(resource: dict[str, Any]) -> None:
    """Each parameter with a documented code for its omission carries it (``missing_code``)."""
    for operation in resource["operations"]:
        for parameter in operation["parameters"]:
            code = MISSING_CODES.get((resource["name"], parameter["name"]))
            if code is not None and (parameter["required"] or parameter.get("required_unless")):
                parameter["missing_code"] = code


def _gaps(codes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """:data:`GAPS` as data; a gap the spec's table documents, or an unrecorded code, is an error."""
    known = {row["code"] for row in codes}
    shadowed = sorted(code for code, _, _ in GAPS if code in known)
    if shadowed:
        raise ValueError(f"the spec's table now documents {shadowed}: remove them from GAPS")
    missing = sorted(code for code in MISSING_CODES.values() if code not in known | {c for c, _, _ in GAPS})
    if missing:
        raise ValueError(f"MISSING_CODES uses {missing}, neither the spec's nor in GAPS")
    return [
        {"code": code, "title": title, "when": when, "source": f"{_TWILIO_ERRORS}{code}"}
        for code, title, when in GAPS
    ]


class _Derivation:
    """One pass over the spec's lines, collecting resources, operations and contradictions."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.contradictions: list[dict[str, str]] = []

    def note(self, where: str, what: str) -> None:
        self.contradictions.append({"where": where, "what": what})

    def drop_duplicates(self, resources: list[dict[str, Any]]) -> None:
        """One owner per method + path: the later section (the specific resource) keeps a repeated one."""
        owner: dict[str, dict[str, Any]] = {}
        for resource in resources:
            for operation in resource["operations"]:
                owner[operation["id"]] = resource
        for resource in resources:
            for operation in list(resource["operations"]):
                if owner[operation["id"]] is not resource:
                    resource["operations"].remove(operation)
                    self.note(
                        f"{resource['name']}: {operation['id']}",
                        f"documented again under {owner[operation['id']]['name']}, which owns it here",
                    )

    def resource(self, heading: str, name: str, start: int, end: int) -> dict[str, Any]:
        lines = self.lines
        curls = [i for i in range(start, end) if lines[i].startswith("curl ")]
        first_curl = curls[0] if curls else end
        sample = self._first_json(start, first_curl)
        declared: dict[str, str] = {}
        for index in range(start, first_curl):
            table = text.read_table(lines, index)
            if table is not None and table.header == "Attribute":
                for key, _ in table.rows:
                    field, _, kind = key.partition(" ")
                    declared[field] = kind
        resource: dict[str, Any] = {
            "name": name,
            "heading": heading,
            "line": start + 1,
            "fields": field_types(sample) if isinstance(sample, dict) else {},
            "declared_types": declared,
            "example": sample,
            "operations": [],
        }
        groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for position, curl_line in enumerate(curls):
            stop = curls[position + 1] if position + 1 < len(curls) else end
            example = self._example(curl_line, stop)
            groups.setdefault((example["method"], _shape(example["path"])), []).append(example)
        for examples in groups.values():
            resource["operations"].append(self._operation(name, examples))
        resource["callbacks"] = {
            table["callback"]: table["parameters"]
            for examples in groups.values()
            for example in examples
            for table in example["callback_tables"]
        }
        self._fill_gaps(resource)
        self._settle_types(resource)
        _missing_codes(resource)
        return resource

    def _first_json(self, start: int, stop: int) -> Any:
        for index in range(start, stop):
            if self.lines[index] in ("{", "["):
                return text.lenient_json(
                    "\n".join(self.lines[index : text.json_block_end(self.lines, index)])
                )
        return None

    def _example(self, curl_line: int, stop: int) -> dict[str, Any]:
        lines = self.lines
        curl = text.read_curl(lines, curl_line)
        title = lines[curl_line - 1]
        if _HTTP_LINE.match(title):
            title = lines[curl_line - 2]
        path, query = _normalise_path(curl.url)
        example: dict[str, Any] = {
            "title": title,
            "line": curl_line + 1,
            "method": curl.method,
            "path": path,
            "sent": [name for name, _ in [*curl.data, *query]],
            "status": None,
            "response": None,
            "parameter_tables": [],
            "callback_tables": [],
            "newest_first": any(
                "most recent" in lines[i] and "first" in lines[i] for i in range(curl_line, stop)
            ),
            "said_methods": sorted(
                {found.group(1) for i in range(curl_line, stop) if (found := _SAID_METHOD.search(lines[i]))}
            ),
        }
        index = curl_line + 1
        while index < stop:
            if lines[index] == "Response" and example["status"] is None:
                status = _STATUS_LINE.match(lines[index + 1])
                if status:
                    example["status"] = int(status.group(1))
                    if index + 2 < stop and lines[index + 2] in ("{", "["):
                        block_end = text.json_block_end(lines, index + 2)
                        example["response"] = text.lenient_json("\n".join(lines[index + 2 : block_end]))
                        index = block_end
                        continue
            table = text.read_table(lines, index)
            if table is not None:
                self._file_table(example, table, index)
                index = table.end
                continue
            index += 1
        return example

    def _file_table(self, example: dict[str, Any], table: text.Table, index: int) -> None:
        """File a table found after a curl: request parameters, callback parameters, or not ours."""
        callback = next(
            (
                match.group(1)
                for line in self.lines[max(0, index - 4) : index]
                if (match := _CALLBACK_HEADING.match(line))
            ),
            None,
        )
        if callback is not None:
            example["callback_tables"].append(
                {"callback": callback, "parameters": [k.partition(" ")[0] for k, _ in table.rows]}
            )
            return
        qualifiers = {key.partition(" ")[2].split("*")[0] for key, _ in table.rows}
        if table.header == "Value" or not qualifiers <= {"required", "optional", "", "Parameters"}:
            return  # a table of values, or the response's attributes (typed rows)
        rows = [(key, description) for key, description in table.rows if key not in ("None", "No Parameters")]
        example["parameter_tables"].append({"line": table.line, "rows": rows})

    def _operation(self, resource: str, examples: list[dict[str, Any]]) -> dict[str, Any]:
        main = next((e for e in examples if "{Sid}" not in e["path"] or "Sid}" in e["path"]), examples[0])
        method, path = main["method"], main["path"]
        where = f"{resource}: {method} {path}"
        sent = {name for example in examples for name in example["sent"]}
        parameters: dict[str, dict[str, Any]] = {}
        for example in examples:
            for table in example["parameter_tables"]:
                for key, description in table["rows"]:
                    parameter = _parameter(key, description, path, sent, method)
                    known = parameters.get(parameter["name"])
                    if known is None:
                        parameters[parameter["name"]] = parameter
                    elif known["required"] != parameter["required"]:
                        self.note(where, f"{parameter['name']} is both required and optional in its tables")
        self._either_or(where, parameters)
        said = sorted({m for e in examples for m in e["said_methods"] if m != method})
        for other in said:
            self.note(
                where,
                f"the text says make a {other} request; its example sends {method} (followed: both accepted)",
            )
        status = next((e["status"] for e in examples if e["status"] is not None), None)
        response = next((e["response"] for e in examples if e["response"] is not None), None)
        operation: dict[str, Any] = {
            "id": f"{method} {path}",
            "resource": resource,
            "action": _action(method, path),
            "title": main["title"],
            "line": main["line"],
            "method": method,
            "also_methods": said,
            "path": path,
            "paths": {
                "signalwire": PREFIXES["signalwire"] + path,
                "twilio": None if resource in SIGNALWIRE_ONLY else PREFIXES["twilio"] + path,
            },
            "status": status,
            "parameters": list(parameters.values()),
            "order": "newest_first" if any(e["newest_first"] for e in examples) else "unspecified",
            "examples": [{"title": e["title"], "line": e["line"], "sent": e["sent"]} for e in examples],
        }
        operation.update(self._response_shape(response))
        meta = response.get("meta") if isinstance(response, dict) else None
        list_key = (operation["response"] or {}).get("list_key")
        if isinstance(meta, dict) and meta.get("key") not in (None, list_key):
            self.note(where, f"the example's meta.key is {meta['key']!r}; its list is under {list_key!r}")
        for parameter in operation["parameters"]:
            example_sent = any(parameter["name"] in e["sent"] for e in examples)
            if parameter["required"] and parameter["in"] != "path" and not example_sent:
                self.note(where, f"the table requires {parameter['name']}; its example omits it")
        return operation

    def _either_or(self, where: str, parameters: dict[str, dict[str, Any]]) -> None:
        """ "Only From or MessagingServiceSid need be set": the required one becomes required-unless."""
        for parameter in parameters.values():
            found = _EITHER.search(parameter["description"])
            if found is None:
                continue
            first, second = found.group(1), found.group(2)
            other = second if parameter["name"] == first else first
            required = parameters.get(other)
            if required is not None and required["required"]:
                required["required"], required["required_unless"] = False, parameter["name"]
                self.note(
                    where,
                    f"the table marks {other} required; {parameter['name']}'s description says only "
                    f"{first} or {second} need be set "
                    f"(followed: {other} required unless {parameter['name']})",
                )

    def _settle_types(self, resource: dict[str, Any]) -> None:
        """One JSON type per field: the attribute table's, else the sample's; differing examples are noted."""
        settled = dict(resource["fields"])
        for name, declared in resource["declared_types"].items():
            if declared in DECLARED_JSON_TYPES:
                settled[name] = DECLARED_JSON_TYPES[declared]
        resource["fields"] = {name: settled.get(name, kind) for name, kind in resource["fields"].items()}
        for operation in resource["operations"]:  # fields only an operation's example shows belong too
            shown = (operation["response"] or {}).get("fields", {})
            if len(shown.keys() & resource["fields"].keys()) * 2 >= len(shown):
                for name, kind in shown.items():
                    resource["fields"].setdefault(name, settled.get(name, kind))
        for operation in resource["operations"]:
            response = operation["response"]
            if response is None:
                continue
            for name, kind in response["fields"].items():
                expected = settled.get(name)
                if expected is None or expected == "null":
                    continue
                if kind not in ("null", expected) and not (kind == "integer" and expected == "number"):
                    self.note(
                        f"{resource['name']}: {operation['id']}",
                        f"{name} is {kind} in this example, {expected} in the resource's sample or table "
                        f"(followed: {expected})",
                    )
                response["fields"][name] = expected

    def _fill_gaps(self, resource: dict[str, Any]) -> None:
        """Operations whose example shows no answer: the status by convention, the body from the resource.

        An instance answer is the resource's sample object; a list answer has the key and paging of the
        resource's other list. Each filled gap is marked ``"from": "resource"`` so a reader can tell.
        """
        lists = [o["response"] for o in resource["operations"] if (o["response"] or {}).get("kind") == "list"]
        for operation in resource["operations"]:
            if operation["status"] is None:
                operation["status"] = DEFAULT_STATUS.get(operation["action"], 200)
                operation["status_from"] = "convention"
            if operation["response"] is not None or operation["action"] == "delete":
                continue
            if operation["action"] == "list" and lists:
                operation["response"] = {**lists[0], "from": "resource"}
            elif operation["action"] != "list":
                operation["response"] = {"kind": "instance", "fields": resource["fields"], "from": "resource"}

    @staticmethod
    def _response_shape(response: Any) -> dict[str, Any]:
        """List key, paging shape and item fields of a list answer; fields of an instance answer."""
        if not isinstance(response, dict):
            return {"response": None}
        lists = [key for key, value in response.items() if isinstance(value, list)]
        if not lists:
            return {"response": {"kind": "instance", "fields": field_types(response)}}
        key = lists[0]
        items = [item for item in response[key] if isinstance(item, dict)]
        paging = "meta" if isinstance(response.get("meta"), dict) else "flat"
        envelope = {name: json_type(value) for name, value in response.items() if name != key}
        if paging == "meta":
            envelope = {f"meta.{name}": json_type(v) for name, v in response["meta"].items()}
        return {
            "response": {
                "kind": "list",
                "list_key": key,
                "paging": paging,
                "envelope": envelope,
                "fields": field_types(items[0]) if items else {},
            }
        }


def derive(spec_text: str) -> dict[str, Any]:
    """The contract as a JSON-ready dict, from the spec's text."""
    lines = [line.rstrip() for line in spec_text.splitlines()]
    derivation = _Derivation(lines)
    resources = [derivation.resource(*section) for section in _sections(lines)]
    derivation.drop_duplicates(resources)
    account = resources[0]["example"]
    absent = sorted(key for key, value in account["subresource_uris"].items() if value is None)
    codes = _error_codes(lines)
    return {
        "source": {
            "file": "compatibility-rest-api.txt",
            "sha256": hashlib.sha256(spec_text.encode("utf-8")).hexdigest(),
        },
        "dialects": PREFIXES,
        "error_codes": codes,
        "absent_account_subresources": absent,
        "resources": resources,
        "contradictions": derivation.contradictions,
        "gaps": _gaps(codes),
    }


def render(contract: dict[str, Any]) -> str:
    """The committed file's exact text (stable key order, one trailing newline)."""
    return json.dumps(contract, indent=1, ensure_ascii=False) + "\n"


def write_atomically(path: Path, content: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(content)
        Path(temporary).chmod(0o644)  # a package data file, readable like its neighbours
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def default_spec() -> Path:
    """``$SW_MIGRATE_SHARED/spec/…`` when set (as the tests read it), else ``../shared/spec/…``."""
    shared = os.environ.get("SW_MIGRATE_SHARED")
    root = Path(shared) if shared else Path(__file__).resolve().parents[2].parent / "shared"
    return root / SPEC_IN_SHARED


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m migrate.contract.derive", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument("spec", nargs="?", type=Path, default=default_spec(), help="the spec text file")
    parser.add_argument("--check", action="store_true", help="compare with the committed file; write nothing")
    parser.add_argument("--output", type=Path, default=DATA_FILE, help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if not options.spec.is_file():
        print(f"{options.spec}: spec not found", file=sys.stderr)
        return 2
    content = render(derive(options.spec.read_text(encoding="utf-8")))
    if options.check:
        current = options.output.read_text(encoding="utf-8") if options.output.is_file() else ""
        if current != content:
            print(
                f"{options.output}: out of date with {options.spec}; rerun without --check", file=sys.stderr
            )
            return 1
        return 0
    write_atomically(options.output, content)
    return 0


if __name__ == "__main__":
    sys.exit(main())
