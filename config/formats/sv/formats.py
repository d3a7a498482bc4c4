"""Swedish as written in Finland: "1 okt 2019", short "1.10.2019", "kl. 14.05" (config/formats).

The spaces inside a date are no-break spaces, so a line never ends between day and month."""

DATE_FORMAT = "j\u00a0b\u00a0Y"
DATETIME_FORMAT = "j\u00a0b\u00a0Y \\k\\l.\u00a0H.i"
SHORT_DATE_FORMAT = "j.n.Y"
SHORT_DATETIME_FORMAT = "j.n.Y H.i"
