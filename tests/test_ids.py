"""The registry of id patterns (macros/records/ids.py), read by the schema, the validator's
messages and the guide's field table: one pattern, named the same way everywhere."""
from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from macros.editors.guide import type_label
from macros.records import ids
from macros.records.loader import explain
from macros.records.schema import KINDS


def patterns_in(node) -> set[str]:
    """Every "pattern" of a JSON Schema, nested ones included."""
    if isinstance(node, dict):
        own = {node["pattern"]} if isinstance(node.get("pattern"), str) else set()
        return own.union(*(patterns_in(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(patterns_in(value) for value in node))
    return set()


def test_every_pattern_of_the_records_is_registered():
    used = set().union(*(patterns_in(model.model_json_schema()) for _glob, model in KINDS.values()))
    assert sorted(used) == sorted(p.regex for p in ids.PATTERNS)


@pytest.mark.parametrize("pattern", ids.PATTERNS, ids=lambda p: p.example)
def test_each_example_matches_its_pattern_and_no_other_form(pattern):
    assert pattern.matches(pattern.example)
    assert not pattern.matches(pattern.example + " ")


def message_for(pattern: ids.IdPattern, value: str) -> str:
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(pattern.annotated()).validate_python(value)
    return explain(caught.value.errors()[0], None)


WRONG_IDS = [
    (ids.SLUG, "Lào Cai", "cần mã viết thường không dấu, nối bằng gạch ngang (ví dụ lao-cai), "
                          "gặp văn bản \"Lào Cai\""),
    (ids.PERIOD, "2022/2023", "cần mã kỳ dạng NNNN-NNNN hoặc NNNN (ví dụ 2022-2023), gặp văn bản \"2022/2023\""),
    (ids.BULLETIN, "2023-4", "cần mã bản tin dạng NNNN-SS (ví dụ 2023-04), gặp văn bản \"2023-4\""),
    (ids.SOURCE, "Bản tin 4", "cần mã bản tin (2023-04) hoặc mã tài liệu (ví dụ nq-202-2025-qh15), "
                              "gặp văn bản \"Bản tin 4\""),
    (ids.URL, "laocai.gov.vn", "cần địa chỉ web bắt đầu bằng https://, gặp văn bản \"laocai.gov.vn\""),
    (ids.ADMIN_CODE, "2", "cần hai chữ số trong ngoặc kép, ví dụ \"02\", gặp văn bản \"2\""),
]


@pytest.mark.parametrize("pattern, value, message", WRONG_IDS)
def test_a_wrong_id_is_named_by_the_registry(pattern, value, message):
    assert message_for(pattern, value) == message


def test_every_pattern_has_a_wording_test():
    assert {case[0] for case in WRONG_IDS} == set(ids.PATTERNS)


@pytest.mark.parametrize("pattern", ids.PATTERNS, ids=lambda p: p.example)
def test_the_guide_names_each_pattern_from_the_registry(pattern):
    assert type_label({"type": "string", "pattern": pattern.regex}, {}) == pattern.label
