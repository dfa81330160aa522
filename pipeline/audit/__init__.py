"""Speaker-attribution audit for reviewers: the self-contained HTML report and the verdict sheet.

``report`` writes ``audit.html`` and ``audit.csv`` (``write_audit``); scoring the reviewed sheet is evaluation
(``pipeline.evaluation.audit``).
"""

from .report import AUDIT, AUDIT_CSV, AUDIT_HTML, VERDICTS, read_sheet, stratified_sample, write_audit

__all__ = ["AUDIT", "AUDIT_CSV", "AUDIT_HTML", "VERDICTS", "read_sheet", "stratified_sample", "write_audit"]
