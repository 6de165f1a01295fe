"""`python -m pitboard` runs the command line."""

from pitboard.cli import main

main()
