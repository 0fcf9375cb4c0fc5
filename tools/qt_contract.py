"""An import-linter contract: only kiosk.ui may import the widget and web-engine Qt modules.

import-linter squashes external packages to their root (``PySide6``), so a plain forbidden
contract cannot tell ``PySide6.QtCore`` (allowed in services) from ``PySide6.QtWidgets``
(ui only). This contract reads the import lines grimp recorded for each direct import of
PySide6 and fails on any that names a forbidden Qt module.
"""

from __future__ import annotations

import re

from grimp import ImportGraph
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


class QtModulesContract(Contract):
    """Source modules must not import the listed PySide6 submodules."""

    type_name = "qt_modules"

    source_modules = fields.ListField(subfield=fields.ModuleField())
    forbidden_qt_modules = fields.ListField(subfield=fields.StringField())

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        names = [str(name) for name in self.forbidden_qt_modules]  # type: ignore[attr-defined]
        alternatives = "|".join(names)
        pattern = re.compile(rf"\bPySide6\.({alternatives})\b|\bimport\s+.*\b({alternatives})\b")
        violations: list[str] = []
        for source in self.source_modules:  # type: ignore[attr-defined]
            root = source.name
            if root not in graph.modules:
                continue
            candidates = {root} | graph.find_descendants(root)
            for importer in sorted(candidates):
                if "PySide6" not in graph.find_modules_directly_imported_by(importer):
                    continue
                for detail in graph.get_import_details(importer=importer, imported="PySide6"):
                    line = detail["line_contents"]
                    if pattern.search(line):
                        violations.append(f"{importer}:{detail['line_number']}: {line}")
        return ContractCheck(kept=not violations, metadata={"violations": violations})

    def render_broken_contract(self, check: ContractCheck) -> None:
        from importlinter.application import output

        for line in check.metadata["violations"]:
            output.print_error(f"- {line}")
        output.print("Move widget and web-engine code into kiosk.ui.")
