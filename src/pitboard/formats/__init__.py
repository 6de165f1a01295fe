"""One package per input or output format. A reader parses text into the domain model."""
