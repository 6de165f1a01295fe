"""The 2019 European Le Mans Series figures that reports printed (the research notes of
pitboard's record tests list each source's address), each reproduced from the season's race
results."""

from __future__ import annotations

from tests.record.published import figure

SEASON = "elms-2019"

LMP2 = "LMP2 Teams' championship"
LMP2_DRIVERS = "LMP2 Drivers' championship"
LMP3 = "LMP3 Teams' championship"
GTE = "LMGTE Teams' championship"

FIGURES = [
    # After Monza (round 2): endurance-info.com, 14 May 2019.
    figure(LMP2, "G-Drive Racing", 38, "endurance-info, after Monza", after_round=2, position=1),
    figure(LMP2, "IDEC Sport", 36, "endurance-info, after Monza", after_round=2, position=2),
    figure(LMP2, "DragonSpeed", 26, "endurance-info, after Monza", after_round=2),
    figure(LMP2, "Graff", 20, "endurance-info, after Monza", after_round=2),
    figure(LMP2, "#22 United Autosports", 20, "endurance-info, after Monza", after_round=2),
    figure(LMP3, "Eurointernational", 43, "endurance-info, after Monza", after_round=2),
    figure(LMP3, "Inter Europol Competition", 33, "endurance-info, after Monza",
           after_round=2),
    figure(LMP3, "Ultimate", 25, "endurance-info, after Monza", after_round=2),
    figure(GTE, "Dempsey-Proton Racing", 42, "endurance-info, after Monza", after_round=2,
           position=1),
    figure(GTE, "Luzich Racing", 40, "endurance-info, after Monza", after_round=2),
    figure(GTE, "JMW Motorsport", 30, "endurance-info, after Monza", after_round=2),
    figure(GTE, "#83 Kessel Racing", 26, "endurance-info, after Monza", after_round=2),
    # After Barcelona (round 3): motorionline's Silverstone preview, endurance24.fr.
    figure(LMP2, "G-Drive Racing", 63, "motorionline, after Barcelona", after_round=3),
    figure(LMP2, "IDEC Sport", 47, "motorionline, after Barcelona", after_round=3),
    figure(GTE, "Luzich Racing", 65, "endurance24, after Barcelona", after_round=3),
    figure(GTE, "Dempsey-Proton Racing", 50, "endurance24, after Barcelona", after_round=3),
    figure(GTE, "JMW Motorsport", 48, "endurance24, after Barcelona", after_round=3),
    # Before Portimão (after round 5): f1ingenerale, endurance-info, gt-eins. The LMP3 pair
    # were level on 94, Eurointernational ahead on wins (3 to 1).
    figure(LMP2, "G-Drive Racing", 93, "f1ingenerale, before Portimão", after_round=5),
    figure(LMP2, "IDEC Sport", 80, "f1ingenerale, before Portimão", after_round=5),
    figure(LMP2, "Graff", 68, "f1ingenerale, before Portimão", after_round=5),
    figure(LMP3, "Eurointernational", 94, "f1ingenerale: ahead on wins", after_round=5,
           position=1),
    figure(LMP3, "Inter Europol Competition", 94, "f1ingenerale: level on points",
           after_round=5, position=2),
    figure(GTE, "Luzich Racing", 102, "endurance-info: title clinched at Spa", after_round=5),
    # Final: f1ingenerale and sportscar365.
    figure(LMP2, "IDEC Sport", 105, "f1ingenerale, final", position=1),
    figure(LMP2, "G-Drive Racing", 101, "f1ingenerale, final", position=2),
    figure(LMP2, "Graff", 83, "f1ingenerale, final", position=3),
    figure(LMP2_DRIVERS, "Memo Rojas", 105, "f1ingenerale, final", position=1),
    figure(LMP2_DRIVERS, "Roman Rusinov", 101, "f1ingenerale, final", position=2),
    figure(LMP2_DRIVERS, "Tristan Gommendy", 83, "f1ingenerale, final", position=3),
    figure(LMP3, "Eurointernational", 100, "f1ingenerale, final", position=1),
    figure(LMP3, "Inter Europol Competition", "94.5", "f1ingenerale: 0.5 as 11th at Portimão",
           position=2),
    figure(GTE, "Luzich Racing", 127, "f1ingenerale, final", position=1),
]
