"""The committed JSON Schemas in schemas/ are what the models generate (macros/editors/jsonschema.py)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from macros.editors.jsonschema import SCHEMA_DIR, schema_documents, write_schemas
from macros.records.schema import KINDS

REPO = Path(__file__).resolve().parents[1]

STALE = ("schemas/ không khớp với các model (macros/records/schema.py) hoặc danh mục chỉ số "
         "(data/indicators.yml); hãy chạy `make schema` rồi commit thư mục schemas/")


@pytest.fixture(scope="module")
def documents() -> dict[str, str]:
    """The schemas as `make schema` writes them for this repository."""
    return schema_documents(REPO)


def _refs(node):
    if isinstance(node, dict):
        if "$ref" in node:
            yield node["$ref"]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_committed_schemas_are_up_to_date(documents):
    folder = REPO / SCHEMA_DIR
    committed = {path.name: path.read_text(encoding="utf-8") for path in folder.glob("*.schema.json")}
    assert sorted(committed) == sorted(documents), STALE
    stale = [name for name, text in documents.items() if committed[name] != text]
    assert not stale, f"{STALE} (khác: {', '.join(stale)})"


def test_one_schema_per_kind_of_record(documents):
    assert sorted(documents) == sorted(f"{kind}.schema.json" for kind in KINDS)


@pytest.mark.parametrize("with_catalogue", [True, False], ids=["catalogue", "models-only"])
def test_schemas_are_strict_and_documented(with_catalogue):
    for name, text in schema_documents(REPO if with_catalogue else None).items():
        schema = json.loads(text)
        kind = name.removesuffix(".schema.json")
        model = KINDS[kind][1]
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["$id"] == name
        assert schema["description"] == f"Bản ghi loại {kind}: tệp data/{KINDS[kind][0]}"
        assert schema["additionalProperties"] is False, name
        assert set(schema["properties"]) == set(model.model_fields), name
        assert set(schema["required"]) == {n for n, f in model.model_fields.items() if f.is_required()}


@pytest.mark.parametrize("with_catalogue", [True, False], ids=["catalogue", "models-only"])
def test_every_reference_resolves_inside_its_file(with_catalogue):
    # A $ref to a definition the file lacks made `make schema` fail (KeyError: FigureDetail).
    for name, text in schema_documents(REPO if with_catalogue else None).items():
        schema = json.loads(text)
        for ref in _refs(schema):
            assert ref.startswith("#/$defs/"), (name, ref)
            assert ref.removeprefix("#/$defs/") in schema.get("$defs", {}), (name, ref)


def test_figure_without_catalogue_is_a_number_or_a_detail_mapping():
    report = json.loads(schema_documents()["report.schema.json"])
    figure = next(iter(report["properties"]["figures"]["patternProperties"].values()))
    assert [option.get("type") for option in figure["anyOf"]] == ["integer", "number", "boolean", "object"]
    detail = figure["anyOf"][3]
    assert detail["additionalProperties"] is False
    assert set(detail["properties"]) == {"value", "status", "note", "source"}


def test_figures_with_catalogue_list_every_indicator(documents):
    indicators = [line.split("id: ", 1)[1] for line in
                  (REPO / "data/indicators.yml").read_text(encoding="utf-8").splitlines()
                  if line.startswith("      - id: ")]
    for name in ("report.schema.json", "totals.schema.json"):
        figures = json.loads(documents[name])["properties"]["figures"]
        assert sorted(figures["properties"]) == sorted(indicators), name
        assert figures["additionalProperties"] is False


def test_write_schemas_writes_the_documents(tmp_path):
    written = [p for p in write_schemas(tmp_path) if p.name.endswith(".schema.json")]
    expected = schema_documents(tmp_path)
    assert sorted(p.name for p in written) == sorted(expected)
    for path in written:
        assert path.parent == tmp_path / SCHEMA_DIR
        assert path.read_text(encoding="utf-8") == expected[path.name]
