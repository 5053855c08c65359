"""Requests checked against the contract before anything happens: required parameters, values, limits.

The error codes are the spec's where its table has one for the case (a message without a body is 21602);
otherwise Twilio's generic 21201 ("invalid parameter"), which neither spec table contradicts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from migrate.contract import Operation, Parameter, error_code
from migrate.emulator._dialects import Dialect
from migrate.emulator._state import ApiFailure

GENERIC_CODE = 21201
#: (resource, parameter) → the spec's error code when the parameter is missing.
MISSING = {
    ("Messages", "To"): 21604,
    ("Messages", "From"): 21603,
    ("Messages", "Body"): 21602,
    ("Messages", "MediaUrl"): 21602,
}
TOO_LONG = {("Messages", "Body"): 21617}
TOO_MANY = {("Messages", "MediaUrl"): 21623}
#: Other names a parameter is accepted under (SignalWire's own shell tool sends these for LamlBins).
ALIASES = {("LamlBins", "Name"): ("FriendlyName",), ("LamlBins", "Contents"): ("LamlBinData",)}


def check(
    operation: Operation,
    dialect: Dialect,
    values: Mapping[str, Sequence[str]],
    *,
    strict_updates: bool = True,
) -> None:
    """Raise the dialect's validation error for the first parameter the contract refuses.

    ``strict_updates=False`` skips the required-parameter check of update operations only (the tables
    require ``FriendlyName`` on Update an Application and ``AccountSid`` on Update an IncomingPhoneNumber,
    which clients written against Twilio do not send); values and limits are still checked.
    """
    for parameter in operation.parameters:
        if parameter.location == "path":
            continue
        if operation.action == "update" and not strict_updates and parameter.required:
            parameter = replace(parameter, required=False)
        given = _given(operation, parameter, values)
        present = _present(operation, given)
        if not present:
            other = parameter.required_unless
            if parameter.required or (other is not None and not _present(operation, values.get(other, ()))):
                if (operation.resource, parameter.name) == (
                    "LamlBins",
                    "Name",
                ) and dialect.name == "signalwire":
                    raise ApiFailure(422, {"errors": ["Name can't be blank"]})  # SignalWire's own shape here
                code = MISSING.get((operation.resource, parameter.name), GENERIC_CODE)
                raise _fail(dialect, code, f"Missing required parameter {parameter.name}", parameter.name)
            continue
        _check_values(operation, dialect, parameter, given)


def _given(operation: Operation, parameter: Parameter, values: Mapping[str, Sequence[str]]) -> Sequence[str]:
    for name in (parameter.name, *ALIASES.get((operation.resource, parameter.name), ())):
        if name in values:
            return values[name]
    return ()


def _present(operation: Operation, given: Sequence[str]) -> bool:
    """Sent at all on an update (``Body=""`` redacts a message); sent non-empty everywhere else."""
    if operation.action == "update":
        return len(given) > 0
    return any(value != "" for value in given)


def _check_values(operation: Operation, dialect: Dialect, parameter: Parameter, given: Sequence[str]) -> None:
    key = (operation.resource, parameter.name)
    if parameter.max_count is not None and len(given) > parameter.max_count:
        message = f"{parameter.name}: at most {parameter.max_count} values, got {len(given)}"
        raise _fail(dialect, TOO_MANY.get(key, GENERIC_CODE), message, parameter.name)
    for value in given:
        if parameter.max_length is not None and len(value) > parameter.max_length:
            message = f"{parameter.name} is longer than {parameter.max_length} characters"
            raise _fail(dialect, TOO_LONG.get(key, GENERIC_CODE), message, parameter.name)
        allowed = parameter.values
        if allowed and not parameter.repeatable and value.lower() not in {v.lower() for v in allowed}:
            message = f"{parameter.name} must be one of {', '.join(allowed)}, not {value!r}"
            raise _fail(dialect, GENERIC_CODE, message, parameter.name)
        if (
            parameter.minimum is not None
            and value.isdigit()
            and not (parameter.minimum <= int(value) <= (parameter.maximum or int(value)))
        ):
            message = f"{parameter.name} must be {parameter.minimum}-{parameter.maximum}, not {value}"
            raise _fail(dialect, GENERIC_CODE, message, parameter.name)


def _fail(dialect: Dialect, code: int, fallback: str, attribute: str) -> ApiFailure:
    """The spec's own message for a code in its table, else *fallback*."""
    known = error_code(code)
    message = f"{known.message} ({attribute})" if known is not None else fallback
    status, body = dialect.validation_error(code, message, attribute)
    return ApiFailure(status, body)
