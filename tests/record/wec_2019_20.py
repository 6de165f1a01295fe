"""The 2019-20 FIA WEC figures that reports printed (the research notes of pitboard's record
tests list each source's address). The tables were not published whole where they could be
read; these are the totals printed, each reproduced from the season's race results."""

from __future__ import annotations

from tests.record.published import figure

SEASON = "wec-2019-20"

DRIVERS = "FIA World Endurance Drivers' Championship"
LMP1_TEAMS = "FIA World Endurance Championship for LMP1 Teams"
LMP2_DRIVERS = "FIA Endurance Trophy for LMP2 Drivers"
LMP2_TEAMS = "FIA Endurance Trophy for LMP2 Teams"
GTE_DRIVERS = "FIA World Endurance GTE Drivers' Championship"
AM_DRIVERS = "FIA Endurance Trophy for LMGTE Am Drivers"
AM_TEAMS = "FIA Endurance Trophy for LMGTE Am Teams"

FIGURES = [
    # After Austin (round 5): f1sport.auto.cz; Rebellion 33 behind Toyota in the teams' table.
    figure(DRIVERS, "Mike Conway", 112, "f1sport.auto.cz, after Austin", after_round=5),
    figure(DRIVERS, "Sébastien Buemi", 107, "f1sport.auto.cz, after Austin", after_round=5),
    # After Spa (round 6): motorsportweek.com preview of Le Mans 2020.
    figure(DRIVERS, "Kamui Kobayashi", 137, "motorsportweek, before Le Mans", after_round=6),
    figure(DRIVERS, "Brendon Hartley", 125, "motorsportweek, before Le Mans", after_round=6),
    figure(DRIVERS, "Bruno Senna", 109, "motorsportweek, before Le Mans", after_round=6),
    figure(LMP1_TEAMS, "Toyota Gazoo Racing", 151, "motorsportweek, before Le Mans",
           after_round=6),
    figure(LMP1_TEAMS, "Rebellion Racing", 109, "motorsportweek, before Le Mans",
           after_round=6),
    figure(LMP2_DRIVERS, "Philip Hanson", 120, "motorsportweek, before Le Mans", after_round=6),
    figure(LMP2_DRIVERS, "Filipe Albuquerque", 120, "motorsportweek, before Le Mans",
           after_round=6),
    figure(LMP2_DRIVERS, "Paul di Resta", 105, "motorsportweek: 15 fewer, missed Fuji",
           after_round=6),
    figure(LMP2_DRIVERS, "Ho-Pin Tung", 98, "motorsportweek, before Le Mans", after_round=6),
    figure(LMP2_TEAMS, "United Autosports", 120, "motorsportweek, before Le Mans",
           after_round=6),
    figure(GTE_DRIVERS, "Nicki Thiim", 127, "motorsportweek, before Le Mans", after_round=6),
    # After Le Mans (round 7): endurance-info.com, gt-eins, 24h-lemans.com.
    figure(DRIVERS, "Sébastien Buemi", 175, "endurance-info, after Le Mans", after_round=7,
           position=1),
    figure(DRIVERS, "José María López", 168, "endurance-info, after Le Mans", after_round=7,
           position=2),
    figure(DRIVERS, "Gustavo Menezes", 145, "endurance-info, after Le Mans", after_round=7,
           position=3),
    figure(LMP1_TEAMS, "Toyota Gazoo Racing", 202, "endurance-info, after Le Mans",
           after_round=7, position=1),
    figure(LMP1_TEAMS, "Rebellion Racing", 145, "endurance-info: 57 behind", after_round=7),
    figure(LMP2_TEAMS, "United Autosports", 171, "endurance-info, after Le Mans",
           after_round=7, position=1),
    figure(LMP2_TEAMS, "JOTA", 125, "endurance-info, after Le Mans", after_round=7),
    figure(GTE_DRIVERS, "Marco Sørensen", 157, "gt-eins, before Bahrain", after_round=7),
    figure(GTE_DRIVERS, "Alex Lynn", 142, "motorsportweek, before Bahrain", after_round=7),
    figure(GTE_DRIVERS, "James Calado", 131, "24h-lemans.com, before Bahrain", after_round=7),
    # Final: the champions (every source) and ferrarichat.fr's 167 for AF Corse #83.
    figure(DRIVERS, "Kamui Kobayashi", 207, "sports247: champions by 5 over #8", position=1),
    figure(DRIVERS, "Kazuki Nakajima", 202, "sports247: 5 behind the champions", position=2),
    figure(LMP1_TEAMS, "Toyota Gazoo Racing", 241, "champions (every source)", position=1),
    figure(LMP2_TEAMS, "United Autosports", 190, "racing24-7: fourth and pole at Bahrain",
           position=1),
    figure(LMP2_DRIVERS, "Philip Hanson", 190, "champions (every source)", position=1),
    figure(GTE_DRIVERS, "Nicki Thiim", 172, "champions; 157 + fifth at Bahrain", position=1),
    figure(GTE_DRIVERS, "Maxime Martin", 160, "dhnet.be: vice-champion", position=2),
    figure(AM_TEAMS, "#83 AF Corse", 167, "ferrarichat.fr: 167 points", position=1),
    figure(AM_DRIVERS, "François Perrodo", 167, "ferrarichat.fr: 167 points", position=1),
]
