"""The records layer: strict YAML, the schema, loading, the records as objects, and their checks.

Everything else in `macros` uses this part; it imports none of them."""
