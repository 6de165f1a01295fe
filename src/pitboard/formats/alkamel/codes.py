"""Al Kamel Systems vocabulary: the codes its timing CSVs use, and what each one means."""

from __future__ import annotations

from pitboard.domain import FinishStatus

FORMAT_ANALYSIS = "alkamel-analysis"
FORMAT_CLASSIFICATION = "alkamel-classification"

# CROSSING_FINISH_LINE_IN_PIT: whether the car ended the lap in the pit lane.
PIT_CROSSING = {
    "": False,  # crossed the line on track
    "B": True,  # crossed in the pit lane ("box"): the lap is an in-lap
}

# FLAG_AT_FL (2024+ layout): the flag shown when the car crossed the line ending the lap.
FLAGS = {
    "GF": "green flag",
    "SF": "safety car",  # a safety-car period was running
    "FCY": "full course yellow",
    "FF": "chequered flag",  # the finish: each car's last lap carries it
    "RF": "red flag",  # session stopped
    "": "not stated",
}

# STATUS of the Classification CSV.
STATUSES = {
    "Classified": FinishStatus.CLASSIFIED,
    "Not classified": FinishStatus.NC,  # official sheets list retired cars here too
    "Not started": FinishStatus.DNS,
    "Retired": FinishStatus.DNF,
    "Disqualified": FinishStatus.DSQ,
    "Excluded": FinishStatus.DSQ,  # excluded from the results of the race
}

# Column names of the lap-by-lap Analysis CSV. Headers carry stray spaces; they are stripped.
ANALYSIS_REQUIRED = (
    "NUMBER",
    "DRIVER_NUMBER",
    "LAP_NUMBER",
    "LAP_TIME",
    "CROSSING_FINISH_LINE_IN_PIT",
    "ELAPSED",
    "DRIVER_NAME",
    "PIT_TIME",
    "CLASS",
    "TEAM",
)
# Optional: GROUP, MANUFACTURER, FLAG_AT_FL (2024+), S1..Sn or S1_SECONDS..Sn_SECONDS.
# Any other column is ignored.

CLASSIFICATION_REQUIRED = ("POSITION", "NUMBER", "TEAM", "CLASS", "STATUS", "LAPS", "TOTAL_TIME")
