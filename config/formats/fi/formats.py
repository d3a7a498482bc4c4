"""Finnish: "1.10.2019", "1.10.2019 klo 14.05" (config/formats)."""

DATE_FORMAT = "j.n.Y"
DATETIME_FORMAT = "j.n.Y \\k\\l\\o\u00a0G.i"
SHORT_DATE_FORMAT = "j.n.Y"
SHORT_DATETIME_FORMAT = "j.n.Y G.i"
