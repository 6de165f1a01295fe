"""Tables for analysts: lap data as Polars DataFrames."""
