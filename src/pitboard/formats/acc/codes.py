"""Assetto Corsa Competizione vocabulary: car models, cup categories, session types, penalties.

Car model ids are those of the ACC dedicated server (entry lists and results use the same ids).
A model id missing from this table is reported, never guessed: add it here with its class.
"""

from __future__ import annotations

from dataclasses import dataclass

from pitboard.domain.timing import SessionKind


@dataclass(frozen=True, slots=True)
class CarModel:
    class_code: str  # GT3, GT4, GT2, or the one-make cup the model races in (GTC, ST, CHL, TCX)
    manufacturer: str
    name: str


# carModel -> class, make, model. Ids 0-36 are the GT3 family and the one-make cup cars,
# 50-61 the GT4 pack, 80-86 the GT2 pack.
CAR_MODELS: dict[int, CarModel] = {
    0: CarModel("GT3", "Porsche", "Porsche 991 GT3 R"),
    1: CarModel("GT3", "Mercedes-AMG", "Mercedes-AMG GT3"),
    2: CarModel("GT3", "Ferrari", "Ferrari 488 GT3"),
    3: CarModel("GT3", "Audi", "Audi R8 LMS"),
    4: CarModel("GT3", "Lamborghini", "Lamborghini Huracán GT3"),
    5: CarModel("GT3", "McLaren", "McLaren 650S GT3"),
    6: CarModel("GT3", "Nissan", "Nissan GT-R Nismo GT3 2018"),
    7: CarModel("GT3", "BMW", "BMW M6 GT3"),
    8: CarModel("GT3", "Bentley", "Bentley Continental GT3 2018"),
    9: CarModel("GTC", "Porsche", "Porsche 991 II GT3 Cup"),
    10: CarModel("GT3", "Nissan", "Nissan GT-R Nismo GT3 2017"),
    11: CarModel("GT3", "Bentley", "Bentley Continental GT3 2016"),
    12: CarModel("GT3", "Aston Martin", "Aston Martin V12 Vantage GT3"),
    13: CarModel("GT3", "Reiter Engineering", "Reiter Engineering R-EX GT3"),
    14: CarModel("GT3", "Emil Frey Racing", "Emil Frey Jaguar G3"),
    15: CarModel("GT3", "Lexus", "Lexus RC F GT3"),
    16: CarModel("GT3", "Lamborghini", "Lamborghini Huracán GT3 Evo"),
    17: CarModel("GT3", "Honda", "Honda NSX GT3"),
    18: CarModel("ST", "Lamborghini", "Lamborghini Huracán Super Trofeo"),
    19: CarModel("GT3", "Audi", "Audi R8 LMS Evo"),
    20: CarModel("GT3", "Aston Martin", "Aston Martin V8 Vantage GT3"),
    21: CarModel("GT3", "Honda", "Honda NSX GT3 Evo"),
    22: CarModel("GT3", "McLaren", "McLaren 720S GT3"),
    23: CarModel("GT3", "Porsche", "Porsche 991 II GT3 R"),
    24: CarModel("GT3", "Ferrari", "Ferrari 488 GT3 Evo"),
    25: CarModel("GT3", "Mercedes-AMG", "Mercedes-AMG GT3 2020"),
    26: CarModel("CHL", "Ferrari", "Ferrari 488 Challenge Evo"),
    27: CarModel("TCX", "BMW", "BMW M2 CS Racing"),
    28: CarModel("GTC", "Porsche", "Porsche 992 GT3 Cup"),
    29: CarModel("ST", "Lamborghini", "Lamborghini Huracán Super Trofeo EVO2"),
    30: CarModel("GT3", "BMW", "BMW M4 GT3"),
    31: CarModel("GT3", "Audi", "Audi R8 LMS GT3 Evo II"),
    32: CarModel("GT3", "Ferrari", "Ferrari 296 GT3"),
    33: CarModel("GT3", "Lamborghini", "Lamborghini Huracán GT3 Evo2"),
    34: CarModel("GT3", "Porsche", "Porsche 992 GT3 R"),
    35: CarModel("GT3", "McLaren", "McLaren 720S GT3 Evo"),
    36: CarModel("GT3", "Ford", "Ford Mustang GT3"),
    50: CarModel("GT4", "Alpine", "Alpine A110 GT4"),
    51: CarModel("GT4", "Aston Martin", "Aston Martin V8 Vantage GT4"),
    52: CarModel("GT4", "Audi", "Audi R8 LMS GT4"),
    53: CarModel("GT4", "BMW", "BMW M4 GT4"),
    55: CarModel("GT4", "Chevrolet", "Chevrolet Camaro GT4.R"),
    56: CarModel("GT4", "Ginetta", "Ginetta G55 GT4"),
    57: CarModel("GT4", "KTM", "KTM X-Bow GT4"),
    58: CarModel("GT4", "Maserati", "Maserati GranTurismo MC GT4"),
    59: CarModel("GT4", "McLaren", "McLaren 570S GT4"),
    60: CarModel("GT4", "Mercedes-AMG", "Mercedes-AMG GT4"),
    61: CarModel("GT4", "Porsche", "Porsche 718 Cayman GT4 Clubsport"),
    80: CarModel("GT2", "Audi", "Audi R8 LMS GT2"),
    82: CarModel("GT2", "KTM", "KTM X-Bow GT2"),
    83: CarModel("GT2", "Maserati", "Maserati MC20 GT2"),
    84: CarModel("GT2", "Mercedes-AMG", "Mercedes-AMG GT2"),
    85: CarModel("GT2", "Porsche", "Porsche 911 GT2 RS Clubsport Evo"),
    86: CarModel("GT2", "Porsche", "Porsche 935"),
}

# cupCategory -> the entry's category inside its class (kept as TimedCar.group).
CUP_CATEGORIES: dict[int, str] = {
    0: "Pro",
    1: "Pro-Am",
    2: "Am",
    3: "Silver",
    4: "National",
}

# sessionType of server files: R race, Q qualifying, FP free practice, numbered when a weekend
# holds more than one of a kind ("Q2", "R1", "R2").
SESSION_KINDS: dict[str, tuple[SessionKind, str]] = {
    "R": (SessionKind.RACE, "Race"),
    "Q": (SessionKind.QUALIFYING, "Qualifying"),
    "FP": (SessionKind.PRACTICE, "Practice"),
}
# sessionDef.sessionType of the game's own saves (single player and client side): a number.
CLIENT_SESSION_KINDS: dict[int, tuple[SessionKind, str]] = {
    0: (SessionKind.PRACTICE, "Practice"),
    4: (SessionKind.QUALIFYING, "Qualifying"),
    10: (SessionKind.RACE, "Race"),
}

# missingMandatoryPitstop: 1 the car did not make the required stop, 0 it did,
# -1 no stop was required (qualifying, practice). The server lists the car where it finished;
# the sanction (if any) is for the rules to decide, so the reader only reports the fact.
MISSED_PIT_STOP = {0: "", -1: "", 1: "mandatory pit stop missed"}

# Penalty kinds the server writes, and the unit of penaltyValue for each.
PENALTY_VALUE_IS_SECONDS = {
    "PostRaceTime": True,  # seconds added to the race time after the finish
    "StopAndGo_10": False,  # penaltyValue counts laps allowed to serve it
    "StopAndGo_20": False,
    "StopAndGo_30": False,
    "DriveThrough": False,
    "Disqualified": False,
    "RemoveBestLaptime": False,
}
# A cut the server noted without a sanction (penaltyValue 0): no penalty, so not read as one.
NO_PENALTY = "None"
POST_RACE_TIME = "PostRaceTime"
DISQUALIFIED = "Disqualified"

# Times of 2^31 - 1 ms mean "no time" (a car that completed no lap, no best lap).
NO_TIME_MS = 2_147_483_647
