"""The registry of problem codes: every code the validator can report, written once.

The table is data, macros/records/codes.yml: for each code its severity, a short Vietnamese
title, what it means for an editor, and an example record that makes the validator report
it. Problems are created through it (macros/records/problems.py): a problem takes its
severity from here, and a code missing here raises `UnknownCode` at once, a programming
error rather than an editor's problem. The editors' guide lists the table; the tests run
every example (tests/test_codes.py).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ERROR = "error"
WARNING = "warning"

TABLE = Path(__file__).with_name("codes.yml")
# The project every example starts from: a small bloc with no problem of its own.
EXAMPLE_PROJECT = Path(__file__).with_name("example_project")


class UnknownCode(LookupError):
    """A problem was created with a code the registry does not list."""


@dataclass(frozen=True)
class Example:
    """A record that makes the validator report a code, in the example project."""
    file: str | None  # the record shown (None: the problem is a missing file)
    text: str = ""
    others: dict = field(default_factory=dict)  # other files changed, not shown
    remove: tuple = ()
    encoding: str = "utf-8"

    def files(self) -> dict[str, bytes]:
        """The files the example writes over the example project, encoded."""
        files = {rel: text.encode("utf-8") for rel, text in self.others.items()}
        if self.file:
            files[self.file] = self.text.encode(self.encoding)
        return files


@dataclass(frozen=True)
class Code:
    """One problem code: "E302", its severity, and how the guide explains it."""
    code: str
    severity: str
    title: str
    meaning: str
    example: Example


def _entry(code: str, data: dict) -> Code:
    if data.get("severity") not in (ERROR, WARNING):
        raise ValueError(f"{TABLE.name}: {code} cần severity: {ERROR} hoặc {WARNING}")
    if code[0] != {ERROR: "E", WARNING: "W"}[data["severity"]]:
        raise ValueError(f"{TABLE.name}: mã {code} không khớp mức {data['severity']} (E: lỗi, W: cảnh báo)")
    example = dict(data["example"])
    example["remove"] = tuple(example.get("remove", ()))
    return Code(code, data["severity"], data["title"], data["meaning"],
                Example(file=example.pop("file", None), **example))


@functools.cache
def registry() -> dict[str, Code]:
    """Every code, in the order of the table."""
    table = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    return {code: _entry(code, data) for code, data in table.items()}


def lookup(code: str) -> Code:
    """The registry's entry for `code`; raises UnknownCode when it has none."""
    try:
        return registry()[code]
    except KeyError:
        raise UnknownCode(f"mã lỗi \"{code}\" không có trong {TABLE.relative_to(TABLE.parents[2])}; "
                          "hãy thêm nó vào bảng (mức, tiêu đề, ý nghĩa, ví dụ)") from None
