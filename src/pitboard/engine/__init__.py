"""Pure functions over the domain model: classification, points, standings. No I/O, no database."""
