"""Swedish as written in Finland: "1 okt 2019", short "1.10.2019", "kl. 14.05" (config/formats)."""

DATE_FORMAT = "j b Y"
DATETIME_FORMAT = r"j b Y \k\l. H.i"
SHORT_DATE_FORMAT = "j.n.Y"
SHORT_DATETIME_FORMAT = "j.n.Y H.i"
