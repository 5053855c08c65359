"""LibCST codemods that move Twilio code to SignalWire, and the runner that applies them.

Public surface: the codemod command (usable from ``python -m libcst.tool codemod``), the one-module function
:func:`migrate_source`, the tree runner :func:`run` with its :class:`Options`/:class:`Report`, and the stable
finding codes in :data:`RULES`.
"""

from codemods._findings import RULES, Finding, Rule
from codemods._runner import FileResult, Mode, Options, Report, collect, migrate_source, process_file, run
from codemods._treesitter import FAMILIES, Family
from codemods._vocabulary import TARGETS, Target
from codemods.migrate_to_signalwire import MigrateToSignalWireCommand

__all__ = [
    "FAMILIES",
    "RULES",
    "TARGETS",
    "Family",
    "FileResult",
    "Finding",
    "MigrateToSignalWireCommand",
    "Mode",
    "Options",
    "Report",
    "Rule",
    "Target",
    "collect",
    "migrate_source",
    "process_file",
    "run",
]
