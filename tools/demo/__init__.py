"""Demo data for the embedded demo (`seed_demo`); never for production."""
