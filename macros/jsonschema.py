"""JSON Schemas for editors' tools, generated from the models into schemas/."""
from __future__ import annotations

import json
from pathlib import Path

from .schema import KINDS

SCHEMA_DIR = "schemas"


def schema_documents() -> dict[str, str]:
    """File name -> JSON text, one schema per kind of record file."""
    out = {}
    for kind, (pattern, model) in KINDS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"{kind}.schema.json"
        schema["description"] = f"Bản ghi loại {kind}: tệp data/{pattern}"
        out[f"{kind}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return out


def write_schemas(root: Path) -> list[Path]:
    folder = root / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    written = []
    for name, text in schema_documents().items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written
