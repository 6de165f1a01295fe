"""The store: a season in a database, read back as domain objects for the engine."""
