"""The registry of id patterns: how each kind of id is written, once.

Each pattern carries its regular expression and every way it is named to editors: the
field description (schema.py, hence the JSON Schemas' hover text), what a validator message
says was expected (loader.py: "cần <expected>, gặp ..."), and its type in the guide's field
table (guide.py). Those three read the pattern from here and look its wording up by the
pattern itself, so a changed pattern changes everywhere at once; an unregistered pattern in
a record's schema fails tests/test_ids.py instead of falling back to a generic message.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated

from pydantic import Field, StringConstraints


@dataclass(frozen=True)
class IdPattern:
    """One way an id is written: its regex, an example and its Vietnamese names."""
    regex: str
    example: str
    expected: str  # in a validator message, after "cần"
    label: str  # the type of a field in the guide's field table
    description: str | None = None  # the field's description, when the pattern has its own type

    def matches(self, value: str) -> bool:
        return re.fullmatch(self.regex, value) is not None

    def annotated(self):
        """The pydantic type of a field holding such an id."""
        constraints = StringConstraints(pattern=self.regex)
        if self.description:
            return Annotated[str, constraints, Field(description=self.description)]
        return Annotated[str, constraints]


SLUG = IdPattern(
    r"^[a-z0-9]+(-[a-z0-9]+)*$", "lao-cai",
    expected="mã viết thường không dấu, nối bằng gạch ngang (ví dụ lao-cai)",
    label="mã (chữ thường không dấu, gạch ngang)",
    description="Mã viết thường, không dấu, nối bằng gạch ngang, ví dụ lao-cai")
PERIOD = IdPattern(
    r"^[0-9]{4}(-[0-9]{4})?$", "2022-2023",
    expected="mã kỳ dạng NNNN-NNNN hoặc NNNN (ví dụ 2022-2023)",
    label="mã kỳ (NNNN-NNNN hoặc NNNN)",
    description="Mã kỳ báo cáo, ví dụ 2022-2023 hoặc 2024")
BULLETIN = IdPattern(
    r"^[0-9]{4}-[0-9]{2}$", "2023-04",
    expected="mã bản tin dạng NNNN-SS (ví dụ 2023-04)",
    label="mã bản tin (NNNN-SS)",
    description="Mã số bản tin NNNN-SS, ví dụ 2023-04")
SOURCE = IdPattern(
    r"^([0-9]{4}-[0-9]{2}|[a-z0-9]+(-[a-z0-9]+)*)$", "nq-202-2025-qh15",
    expected="mã bản tin (2023-04) hoặc mã tài liệu (ví dụ nq-202-2025-qh15)",
    label="mã nguồn (bản tin hoặc tài liệu)",
    description="Nguồn: mã số bản tin (2023-04) hoặc mã tài liệu trong data/documents/")
URL = IdPattern(
    r"^https?://[^\s]+$", "https://laocai.gov.vn",
    expected="địa chỉ web bắt đầu bằng https://",
    label="địa chỉ web",
    description="Địa chỉ web đầy đủ, bắt đầu bằng https://")
ADMIN_CODE = IdPattern(  # a province's administrative code; its field has its own description
    r"^[0-9]{2}$", "02",
    expected="hai chữ số trong ngoặc kép, ví dụ \"02\"",
    label="hai chữ số, trong ngoặc kép")

PATTERNS = (SLUG, PERIOD, BULLETIN, SOURCE, URL, ADMIN_CODE)
_BY_REGEX = {pattern.regex: pattern for pattern in PATTERNS}


def by_regex(regex: str | None) -> IdPattern | None:
    """The registered pattern written as `regex` (as pydantic and JSON Schema give it back)."""
    return _BY_REGEX.get(regex)
