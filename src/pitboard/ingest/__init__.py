"""The season file: a season's series, classes, calendar, entries, results files and rule set."""

from pitboard.ingest.season_file import LoadedSeason, load_league_folder, load_season_file

__all__ = ["LoadedSeason", "load_league_folder", "load_season_file"]
