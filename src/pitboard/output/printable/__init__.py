"""Printable official classifications: HTML with print CSS, and PDF from it."""
