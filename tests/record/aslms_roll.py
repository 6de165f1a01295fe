"""The Asian Le Mans Series roll as the series article (a seed, ../shared/seeds) prints it: the
classes of each season and the names of its drivers' and teams' champions, row by row, in the
seed's order. The seed's copy runs each row's names together, so this transcription keeps them
as one list per season; which class and table each name belongs to is the bundled data's (with
its sources), and tests/test_series_roll.py checks the data against this list.

The seed's 2013 row lost its heading (its names follow the 2009 names): its classes are those the
2013 season article names. The teams' roll stops at 2016-17; the 2018-19 teams are the infobox's.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RollRow:
    season: str  # the bundled season's name
    classes: tuple[str, ...]  # as the seed prints them
    drivers: tuple[str, ...]  # every name of the row, in the seed's order
    teams: tuple[str, ...] | None  # None: the seed prints no teams' row for the season


ROLL = [
    RollRow("2009", ("LMP1", "LMP2", "GT1", "GT2"),
            ("Christophe Tinseau", "Shinji Nakano", "Jacques Nicolet", "Matthieu Lahaye",
             "Richard Hein", "Atsushi Yogo", "Hiroyuki Iiri", "Dominik Farnbacher",
             "Allan Simonsen"),
            ("Sora Racing", "OAK Racing/Team Mazda France", "JLOC", "Hankook Team Farnbacher")),
    RollRow("2013", ("LMP2", "LMPC", "GTE", "GTC", "GTC Am", "SGT"),
            ("David Cheng", "Naoki Yokomizo", "Akira Iida", "Shogo Mitsuyama",
             "Andrea Bertolini", "Michele Rugolo", "Steve Wyatt"),
            ("OAK Racing", "Team Taisan Ken Endless", "AF Corse")),
    RollRow("2014", ("LMP2", "CN", "GT"),
            ("David Cheng", "Ho-Pin Tung", "Kevin Tse", "Jun San Chen", "Tatsuya Tanigawa"),
            ("OAK Racing", "Craft-Bamboo Racing", "AAI-Rstrada")),
    RollRow("2015-16", ("LMP2", "LMP3", "CN", "GT", "GT Am"),
            ("Nicolas Leutwiler", "David Cheng", "Ho-Pin Tung", "Denis Lian", "Giorgio Maggi",
             "Weng Sun Mok", "Rob Bell", "Keita Sawa", "Paul Ip"),
            ("Race Performance", "DC Racing", "Avelon Formula", "Clearwater Racing", "KCMG")),
    RollRow("2016-17", ("LMP2", "LMP3", "CN", "GT", "GT Cup"),
            ("Andrea Roda", "Nigel Moore", "Phil Hanson", "Kenji Abe", "Akihiro Asai",
             "Qin Tianqi", "Tira Sosothikul", "Medhapan Sundaradeja", "Michele Rugolo",
             "Takuma Aoki", "Shinyo Sano"),
            ("Algarve Pro Racing", "Tockwith Motorsports", "PS Racing", "DH Racing", "TKS")),
    RollRow("2017-18", ("LMP2", "LMP3", "GT", "GT-Am", "GT Cup"),
            ("Harrison Newey", "Stéphane Richelmi", "Thomas Laurent", "Guy Cosmo",
             "Patrick Byrne", "Jesse Krohn", "Jun-San Chen", "Max Wiser", "Weian Chen",
             "Will Bamber", "Graeme Dowsett"),
            None),
    RollRow("2018-19", ("LMP2", "LMP2 Am", "LMP3", "GT", "GT-Am", "GT Cup"),
            ("Paul di Resta", "Phil Hanson", "Kang Ling", "Darren Burke", "Miro Konopka",
             "Jakub Smiechowski", "Martin Hippe", "James Calado", "Kei Cozzolino",
             "Takeshi Kimura", "Max Wiser", "Philippe Descombes", "Benny Simonsen"),
            ("United Autosports", "ARC Bratislava", "Inter Europol Competition",
             "CarGuy Racing", "Tianshi Racing Team", "Modena Motorsports")),
]

# The seed writes GT Am as GT-Am in its last two rows; the bundled seasons keep one code.
SPELLINGS = {"GT-Am": "GT Am"}
