"""Problems found in the records: one type, three output formats.

Every problem names a file (relative to the project root), a line and a column
(1-based, pointing at the offending key or value), a field path, and a message
in Vietnamese that says what was expected and what was found.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from macros.records.codes import ERROR, WARNING, lookup

SEVERITY_LABEL = {ERROR: "lỗi", WARNING: "cảnh báo"}


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    severity: str
    code: str
    path: str
    message: str
    # Records a warning concerns, so pages can show it as a note (not output).
    subjects: tuple = field(default=(), compare=False)

    def __post_init__(self):
        # The registry is the one place a code and its severity are written.
        severity = lookup(self.code).severity
        if self.severity != severity:
            raise ValueError(f"mã {self.code} có mức {severity} trong bảng mã, không phải {self.severity}")

    def format_text(self) -> str:
        where = f" ({self.path})" if self.path else ""
        return (f"{self.file}:{self.line}:{self.column}: {SEVERITY_LABEL[self.severity]} "
                f"[{self.code}]: {self.message}{where}")

    def format_github(self) -> str:
        text = f"[{self.code}] {self.message}" + (f" ({self.path})" if self.path else "")
        return (f"::{self.severity} file={_gh_prop(self.file)},line={self.line},"
                f"col={self.column},title={_gh_prop(self.code)}::{_gh_data(text)}")

    def as_dict(self) -> dict:
        data = asdict(self)
        data.pop("subjects")
        return data


def problem(file: str, line: int, column: int, code: str, path: str, message: str,
            subjects: tuple = ()) -> Problem:
    """A problem with the severity the registry gives its code (macros/records/codes.yml)."""
    return Problem(file, line, column, lookup(code).severity, code, path, message, subjects)


def _gh_data(text: str) -> str:
    # Escaping rules of GitHub workflow commands (actions/toolkit command.ts).
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def render(problems: list[Problem], fmt: str) -> str:
    """All problems in one of the formats `text`, `json` or `github`."""
    ordered = sorted(problems)
    if fmt == "json":
        return json.dumps([p.as_dict() for p in ordered], ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(p.format_github() for p in ordered)
    return "\n".join(p.format_text() for p in ordered)


def render_crash(error: str, fmt: str) -> str:
    """An unexpected error of the validator itself (not a record's problem), in the format
    asked for: a program reading `--format json` or a GitHub run still gets its format."""
    message = (f"trình kiểm tra gặp lỗi không lường trước, không phải lỗi của dữ liệu ({error}); "
               "hãy báo cho nhóm bảo trì, kèm thông báo này")
    if fmt == "json":
        entry = {"file": "", "line": 0, "column": 0, "severity": ERROR, "code": "", "path": "",
                 "message": message}
        return json.dumps([entry], ensure_ascii=False, indent=2)
    if fmt == "github":
        return f"::error title={_gh_prop('python -m macros validate')}::{_gh_data(message)}"
    return f"lỗi: {message}"


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == ERROR for p in problems)
