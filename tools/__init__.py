"""Development tools (benchmark, demo seeding): installed with DEBUG or DEV_TOOLS."""
