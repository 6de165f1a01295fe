"""The 2018-19 Asian Le Mans Series figures that reports printed: the standings before the
Sepang finale (endurance-info.com) and the final LMP2 margin (stopandgo.tv: 11 points),
reproduced from the season's race results."""

from __future__ import annotations

from tests.record.published import figure

SEASON = "aslms-2018-19"

LMP2 = "LMP2 Drivers' championship"
AM = "LMP2 Am Trophy for Drivers"
LMP3 = "LMP3 Drivers' championship"
GT = "GT Drivers' championship"
BEFORE_SEPANG = "endurance-info, before the Sepang finale"

FIGURES = [
    figure(LMP2, "Phil Hanson", 62, BEFORE_SEPANG, after_round=3, position=1),
    figure(LMP2, "Paul di Resta", 62, BEFORE_SEPANG, after_round=3, position=1),
    figure(LMP2, "Harrison Newey", 44, BEFORE_SEPANG, after_round=3),
    figure(LMP2, "Darren Burke", 39, BEFORE_SEPANG + " (an LMP2 Am car, by its LMP2 places)",
           after_round=3),
    figure(AM, "Miro Konopka", 69, BEFORE_SEPANG, after_round=3, position=1),
    figure(AM, "Guy Cosmo", 60, BEFORE_SEPANG, after_round=3, position=2),
    figure(AM, "Anders Fjordbach", 48, BEFORE_SEPANG, after_round=3, position=3),
    figure(LMP3, "Jakub Smiechowski", 62, BEFORE_SEPANG, after_round=3, position=1),
    figure(GT, "James Calado", 76, BEFORE_SEPANG, after_round=3, position=1),
    figure(GT, "Alessandro Pier Guidi", 52, BEFORE_SEPANG + ": 24 behind", after_round=3),
    figure(LMP2, "Phil Hanson", 80, "stopandgo.tv: champions by 11", position=1),
    figure(LMP2, "Andrea Pizzitola", 69, "stopandgo.tv: 11 behind", position=2),
]
