"""pitboard: timing files to official classifications, points and standings for endurance racing."""

__version__ = "0.1.0"
