"""The editors' tools: scaffolding new records, the guide's generated parts, JSON Schemas for
editors' tools, CODEOWNERS."""
