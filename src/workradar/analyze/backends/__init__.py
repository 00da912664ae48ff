"""The analyzer backends: `minimal`, `embedded`, `llm` and `hybrid` (see `registry.BUILTIN_BACKENDS`)."""
