"""JSON Schemas for editors' tools, generated from the models into schemas/.

.vscode/settings.json maps each schema to its data folder, so the YAML extension shows the
Vietnamese field descriptions on hover, completes keys and underlines wrong values. The
report and totals schemas also list the indicators of data/indicators.yml, each with its
label, unit and value type: an editor sees what `de-tai-du-an` means, and a mistyped
indicator id is underlined as the validator would report it (E302).
"""
from __future__ import annotations

import json
from pathlib import Path

from macros.records.loader import load_file
from macros.records.schema import KINDS, Catalogue

SCHEMA_DIR = "schemas"
VSCODE_SETTINGS = ".vscode/settings.json"

# What a bare figure may be, by the indicator's value type (checks.py applies the same rules).
VALUE_SCHEMAS = {
    "integer": {"type": "integer", "minimum": 0},
    "decimal": {"type": "number", "minimum": 0},
    "percent": {"type": "number", "minimum": 0, "maximum": 100},
    "boolean": {"type": "boolean"},
}
VALUE_WORDS = {"integer": "số nguyên", "decimal": "số", "percent": "tỉ lệ % (0–100)",
               "boolean": "true/false"}


def schema_documents(root: Path | None = None) -> dict[str, str]:
    """File name -> JSON text, one schema per kind of record file.

    With `root`, the figures of reports and totals are keyed by the catalogue's indicators."""
    catalogue = load_catalogue(root) if root is not None else None
    out = {}
    for kind, (pattern, model) in KINDS.items():
        schema = model.model_json_schema()
        drop_titles(schema)
        if catalogue is not None and kind in ("report", "totals"):
            figures = schema["properties"]["figures"]
            schema["properties"]["figures"] = figures_schema(catalogue, figures, bloc=kind == "totals")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"{kind}.schema.json"
        schema["description"] = f"Bản ghi loại {kind}: tệp data/{pattern}"
        out[f"{kind}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return out


def load_catalogue(root: Path) -> Catalogue | None:
    """The indicator catalogue, or None while data/indicators.yml has an error."""
    rel = "data/indicators.yml"
    if not (root / rel).exists():
        return None
    loaded, _problems = load_file(root / rel, rel, "catalogue")
    return loaded.record if loaded is not None else None


def drop_titles(schema) -> None:
    """Remove pydantic's English titles ("Code Source"): hover text shows the Vietnamese description."""
    if isinstance(schema, dict):
        if isinstance(schema.get("title"), str):
            del schema["title"]
        for value in schema.values():
            drop_titles(value)
    elif isinstance(schema, list):
        for value in schema:
            drop_titles(value)


def figures_schema(catalogue: Catalogue, generic: dict, bloc: bool) -> dict:
    """`figures` with one property per indicator, described by its label and unit."""
    detail = next(iter(generic["patternProperties"].values()))["anyOf"][-1]
    properties = {}
    for group in catalogue.groups:
        for indicator in group.indicators:
            # The bloc's figure for a yes/no indicator counts the provinces that said yes.
            value_type = "integer" if bloc and indicator.value_type == "boolean" else indicator.value_type
            unit = indicator.total_unit if bloc and indicator.total_unit else indicator.unit
            properties[indicator.id] = {
                "description": f"{indicator.label} ({unit}; {VALUE_WORDS[value_type]}). "
                               f"{indicator.description}",
                "anyOf": [VALUE_SCHEMAS[value_type], detail],
            }
    return {"description": generic["description"], "type": "object", "properties": properties,
            "additionalProperties": False}


def editor_schema_map() -> dict[str, list[str]]:
    """`yaml.schemas` of the VS Code YAML extension: each schema and the files it applies to."""
    return {f"{SCHEMA_DIR}/{kind}.schema.json": [f"data/{pattern}"]
            for kind, (pattern, _model) in KINDS.items()}


def write_editor_settings(root: Path) -> Path:
    """Keep the `yaml.schemas` of .vscode/settings.json in step with KINDS; other settings stay."""
    path = root / VSCODE_SETTINGS
    settings = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    settings["yaml.schemas"] = editor_schema_map()
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(settings, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def write_schemas(root: Path) -> list[Path]:
    folder = root / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    written = []
    for name, text in schema_documents(root).items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written + [write_editor_settings(root)]
