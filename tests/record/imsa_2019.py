"""The 2019 IMSA WeatherTech DPi figures that reports printed (the research notes of
pitboard's record tests list each source's address), each reproduced on 2019's scale (35 for a
win) from the season's race results."""

from __future__ import annotations

from tests.record.published import figure

SEASON = "imsa-2019"

DRIVERS = "DPi Drivers' championship"
TEAMS = "DPi Teams' championship"

FIGURES = [
    # Before Long Beach (after round 2): #10 and #31 level on 67.
    figure(TEAMS, "Wayne Taylor Racing", 67, "Long Beach race article: level on 67",
           after_round=2),
    figure(TEAMS, "Whelen Engineering Racing", 67, "Long Beach race article: level on 67",
           after_round=2),
    figure(DRIVERS, "Felipe Nasr", 120, "after Mid-Ohio", after_round=4),
    figure(TEAMS, "Whelen Engineering Racing", 120, "after Mid-Ohio", after_round=4),
    # Before Mosport (after round 6).
    figure(TEAMS, "#6 Acura Team Penske", 177, "before Mosport", after_round=6),
    figure(TEAMS, "Whelen Engineering Racing", 176, "before Mosport", after_round=6),
    # Before Laguna Seca (after round 10).
    figure(DRIVERS, "Dane Cameron", 239, "before Laguna Seca", after_round=10),
    figure(DRIVERS, "Pipo Derani", 232, "before Laguna Seca", after_round=10),
    # Before Petit Le Mans (after round 11): IMSA wire via idigsports.
    figure(DRIVERS, "Juan Pablo Montoya", 274, "IMSA wire, before Petit Le Mans",
           after_round=11, position=1),
    figure(DRIVERS, "Felipe Nasr", 262, "IMSA wire, before Petit Le Mans", after_round=11),
    # Final: champions by 5 (racer.com), drivers and teams: 274 + 28 and 262 + 35.
    figure(DRIVERS, "Dane Cameron", 302, "racer.com: champions by 5", position=1),
    figure(DRIVERS, "Pipo Derani", 297, "racer.com: 5 behind"),
    figure(TEAMS, "#6 Acura Team Penske", 302, "racer.com: champions by 5", position=1),
    figure(TEAMS, "Whelen Engineering Racing", 297, "racer.com: 5 behind", position=2),
]
