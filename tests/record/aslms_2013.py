"""The 2013 Asian Le Mans Series championship tables, transcribed from the seed document
(../shared/seeds/002_*.txt, "Championship Standings"). Each row: position, name as printed,
points per round (INJ, FUJ, ZHU, SEP; None = did not take part), total.

Kept apart from the tests so a reader can compare it with the published tables line by line.
"""

from __future__ import annotations

Row = tuple[int | None, str, tuple[int | None, int | None, int | None, int | None], int]

TEAMS: dict[str, list[Row]] = {
    "LMP2": [
        (1, "OAK Racing", (19, 19, 26, 25), 89),
        (2, "KCMG", (25, 25, 18, 19), 87),
        (3, "Craft Racing", (None, None, None, 15), 15),
    ],
    "GTE": [
        (1, "Team Taisan Ken Endless", (26, 26, 26, 26), 104),
        (2, "Team AAI Rstrada", (None, None, None, 18), 18),
    ],
    "GTC": [
        (1, "AF Corse", (25, 18, 26, 18), 87),
        (2, "#007 Craft Racing", (1, 26, 15, 15), 57),
        (3, "#91 Team AAI Rstrada", (12, 10, 18, 8), 48),
        (4, "BBT Racing", (15, 0, 12, 12), 39),
        (5, "Team Taisan Ken Endless", (18, 12, None, None), 30),
        (6, "Clearwater Racing", (None, None, None, 26), 26),
        (7, "Pacific Direction Racing", (None, 15, None, None), 15),
        (8, "#92 Team AAI Rstrada", (0, 0, 10, None), 10),
        (9, "#009 Craft Racing", (None, None, None, 10), 10),
    ],
}

# The seed prints the manufacturers' totals beside the teams' tables (GTE names its two makes
# without figures; LMP2 gives Morgan's alone).
MANUFACTURER_TOTALS: dict[str, dict[str, int]] = {
    "LMP2": {"Morgan": 158},
    "GTC": {
        "Ferrari": 113,
        "Aston Martin": 52,
        "McLaren": 50,
        "Porsche": 45,
        "Lamborghini": 39,
        "Ford": 15,
        "BMW": 8,
    },
}
MANUFACTURER_ORDER: dict[str, list[str]] = {
    "GTE": ["Ferrari", "Porsche"],
    "GTC": ["Ferrari", "Aston Martin", "McLaren", "Porsche", "Lamborghini", "Ford", "BMW"],
}

DRIVERS: dict[str, list[Row]] = {
    "LMP2": [
        (1, "David Cheng", (19, 19, 26, 25), 89),
        (2, "James Winslow", (25, 25, 18, 19), 87),
        (3, "Ho-Pin Tung", (19, None, 26, 25), 70),
        (4, "Gary Thompson", (25, None, 18, None), 43),
        (5, "Richard Bradley", (None, 25, None, 15), 40),
        (6, "Jeffrey Lee", (19, 19, None, None), 38),
        (7, "Shaun Thong", (None, None, 26, None), 26),
        (8, "Akash Nandy", (25, None, None, None), 25),
        (8, "Hiroshi Koizumi", (None, 25, None, None), 25),
        (9, "Cong Fu Cheng", (None, 19, None, None), 19),
        (9, "Tsugio Matsuda", (None, None, None, 19), 19),
        (10, "Jordan Oon", (None, None, 18, None), 18),
        (11, "Jun Jin Pu", (None, None, None, 15), 15),
        (11, "Dan Polley", (None, None, None, 15), 15),
    ],
    "GTE": [
        (1, "Naoki Yokomizo", (26, None, 26, 26), 78),
        (1, "Akira Iida", (None, 26, 26, 26), 78),
        (1, "Shogo Mitsuyama", (None, 26, 26, 26), 78),
        (2, "Kamui Kobayashi", (26, None, None, None), 26),
        (2, "Shinji Nakano", (None, 26, None, None), 26),
        (3, "Morris Chen", (None, None, None, 18), 18),
        (3, "Ryohei Sakaguchi", (None, None, None, 18), 18),
        (3, "Marco Seefried", (None, None, None, 18), 18),
    ],
    "GTC": [
        (1, "Andrea Bertolini", (25, 18, 26, 18), 87),
        (1, "Michele Rugolo", (25, 18, 26, 18), 87),
        (1, "Steve Wyatt", (25, 18, 26, 18), 87),
        (2, "Frank Yu", (1, 26, 15, 10), 52),
        (3, "Jun San Chen", (12, 10, 18, 8), 48),
        (4, "Anthony Liu", (15, 0, 12, 12), 39),
        (4, "Davide Rizzo", (15, 0, 12, 12), 39),
        (5, "Tatsuya Tanigawa", (None, 10, 18, 8), 36),
        (6, "Keita Sawa", (1, None, 15, 15), 31),
        (7, "Massimilliano Wiser", (15, 0, 12, None), 27),
        (8, "Richard Lyons", (None, 26, None, None), 26),
        (8, "Takeshi Tsuchiya", (None, None, 18, 8), 26),
        (8, "Weng Sun Mok", (None, None, None, 26), 26),
        (8, "Toni Vilander", (None, None, None, 26), 26),
        (9, "Darryl O'Young", (None, None, 15, 10), 25),
        (10, "Marco Seefried", (None, 10, 10, None), 20),
        (11, "Kyosuke Mineo", (18, None, None, None), 18),
        (11, "Yukinori Taniguchi", (18, None, None, None), 18),
        (12, "Stefan Mücke", (1, None, None, 15), 16),
        (13, "Akira Mizutani", (None, 15, None, None), 15),
        (13, "Yuya Sakamoto", (None, 15, None, None), 15),
        (13, "You Yokomaku", (None, 15, None, None), 15),
        (14, "Akihiro Asai", (0, 12, None, None), 12),
        (14, "Naoya Gamou", (None, 12, None, None), 12),
        (14, "Akira Iida", (12, None, None, None), 12),
        (14, "Fabio Babini", (None, None, None, 12), 12),
        (15, "Morris Chen", (0, 0, 10, None), 10),
        (15, "Yasushi Kikuchi", (None, 0, 10, None), 10),
        (15, "Tomonobu Fujii", (None, None, None, 10), 10),
        (None, "Somchai Saksirivatekul", (0, None, None, None), 0),
    ],
}

# Le Mans invitations: the LMP2 champion team and the top two GTC teams.
INVITED = {("LMP2", "OAK Racing"), ("GTC", "AF Corse"), ("GTC", "#007 Craft Racing")}
