"""One module per card section; each registers its component (see `analyze.components`)."""
