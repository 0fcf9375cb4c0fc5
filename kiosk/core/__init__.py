"""Pure domain: models, rules and text handling. No Qt, no I/O libraries."""
