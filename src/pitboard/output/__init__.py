"""What pitboard writes: the versioned JSON schema (CLI and API alike) and text tables."""
