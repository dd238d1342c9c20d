"""Reading the catalog: YAML under data/, validated in one place, becomes a frozen model (see ARCHITECTURE.md)."""
