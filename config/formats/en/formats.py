"""English: "1 Oct 2019" (day, short month, year), 24-hour clock (config/formats).

The spaces inside a date are no-break spaces, so a line never ends between day and month."""

DATE_FORMAT = "j\u00a0M\u00a0Y"
DATETIME_FORMAT = "j\u00a0M\u00a0Y, H:i"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
MONTH_DAY_FORMAT = "j F"
