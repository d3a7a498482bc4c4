"""Date formats per language, in one place (settings.FORMAT_MODULE_PATH).

Django's own formats differ in style from language to language (English "Oct. 1, 2019",
American "10/01/2019" for the short form, Swedish "2019-10-01", Finnish "1. lokakuuta
2019"). The portal shows periods such as an activity's "1.10.2019–30.9.2024" in running
text, so each language gets one compact, unambiguous style for both the long and the short
form: Finnish "1.10.2019", Swedish as written in Finland "1 okt 2019" and "1.10.2019",
English "1 Oct 2019". Times use the 24-hour clock. Whatever a module here leaves out
(input formats, separators) comes from Django's own locale.
"""
