"""The ``signalwire_client`` helper inserted for ``--target twilio-sdk``.

With the ``twilio`` package kept, the client is pointed at the space by setting its ``api`` domain's
``base_url`` (twilio builds ``{base_url}/2010-04-01/Accounts/...``). Wrapping that in a function with the
same call shape as ``signalwire.rest.Client`` means both targets rewrite call sites identically, and a call in
any expression position (``return``, argument, attribute) keeps working without statement surgery.
"""

from __future__ import annotations

import libcst as cst

from codemods._vocabulary import CLIENT_NAME, SPACE_URL_KEYWORD

HELPER_SOURCE = f'''def {CLIENT_NAME}(*args, {SPACE_URL_KEYWORD}, **kwargs):
    """A twilio Client that calls the SignalWire space (added by sw-migrate)."""
    from twilio.rest import Client

    client = Client(*args, **kwargs)
    client.api.base_url = "https://" + {SPACE_URL_KEYWORD}.split("://")[-1].rstrip("/")
    return client
'''


def is_helper(statement: cst.CSTNode) -> bool:
    """True for a module-level ``def signalwire_client`` (ours from an earlier run, or the user's)."""
    return isinstance(statement, cst.FunctionDef) and statement.name.value == CLIENT_NAME


def _is_import(statement: cst.BaseStatement) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and all(
        isinstance(small, (cst.Import, cst.ImportFrom)) for small in statement.body
    )


def _is_docstring(statement: cst.BaseStatement) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def insert_helper(module: cst.Module) -> cst.Module:
    """Insert the helper after the module's leading docstring and import block (once)."""
    if any(is_helper(statement) for statement in module.body):
        return module
    body = list(module.body)
    index = 0
    while index < len(body) and (_is_import(body[index]) or (index == 0 and _is_docstring(body[index]))):
        index += 1
    helper = cst.parse_statement(HELPER_SOURCE, config=module.config_for_parsing)
    blank = cst.EmptyLine(indent=False)
    helper = helper.with_changes(leading_lines=[blank, blank] if index else [])
    if index < len(body):
        following = body[index]
        blank_count = sum(1 for line in following.leading_lines if line.comment is None)
        if blank_count < 2:
            missing = [blank] * (2 - blank_count)
            body[index] = following.with_changes(leading_lines=[*missing, *following.leading_lines])
    body.insert(index, helper)
    return module.with_changes(body=body)
