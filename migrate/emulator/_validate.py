"""Requests checked against the contract before anything happens: required parameters, values, limits.

The error codes are the spec's where its table has one for the case (a message without a body is 21602),
else Twilio's documented one for it (a call without ``To`` is 21201), else Twilio's generic 400: each
non-spec code is one of the contract's recorded ``gaps`` (:func:`checked_code` refuses any other).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from migrate.contract import Operation, Parameter, error_code, load
from migrate.emulator._dialects import Dialect
from migrate.emulator._state import ApiFailure

#: Twilio's generic "Bad Request": a parameter missing or invalid where nobody documents a finer code.
GENERIC_CODE = 400
TOO_LONG = {("Messages", "Body"): 21617}
TOO_MANY = {("Messages", "MediaUrl"): 21623}
#: Other names a parameter is accepted under (SignalWire's own shell tool sends these for LamlBins).
ALIASES = {("LamlBins", "Name"): ("FriendlyName",), ("LamlBins", "Contents"): ("LamlBinData",)}


def checked_code(code: int) -> int:
    """*code* if the spec's table or the contract's recorded gaps document it; a programming error if not."""
    if load().meaning(code) is None:
        raise ValueError(f"error code {code} is neither the spec's nor a recorded gap of the contract")
    return code


def check(operation: Operation, dialect: Dialect, values: Mapping[str, Sequence[str]]) -> None:
    """Raise the dialect's validation error for the first parameter the contract refuses.

    The tables' required parameters are enforced as the spec states them, except the few the dialect's
    own API does not require (:attr:`Dialect.optional`: Twilio's updates); values and limits always.
    """
    for parameter in operation.parameters:
        if parameter.location == "path":
            continue
        if parameter.required and (operation.resource, operation.action, parameter.name) in dialect.optional:
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
                code = parameter.missing_code or GENERIC_CODE
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
        if parameter.minimum is not None and not _within(value, parameter.minimum, parameter.maximum):
            limits = f"{parameter.minimum}-{parameter.maximum}"
            message = f"{parameter.name} must be a whole number {limits}, not {value!r}"
            raise _fail(dialect, GENERIC_CODE, message, parameter.name)


def _within(value: str, minimum: int, maximum: int | None) -> bool:
    """A whole number in the table's range (a word such as "soon" is outside it too)."""
    try:
        number = int(value)
    except ValueError:
        return False
    return minimum <= number and (maximum is None or number <= maximum)


def _fail(dialect: Dialect, code: int, fallback: str, attribute: str) -> ApiFailure:
    """The spec's own message for a code in its table, else *fallback*."""
    known = error_code(code)
    message = f"{known.message} ({attribute})" if known is not None else fallback
    status, body = dialect.validation_error(checked_code(code), message, attribute)
    return ApiFailure(status, body)
