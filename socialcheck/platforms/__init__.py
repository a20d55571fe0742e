"""Per-platform facts: handle rules, link shapes, length limits."""
