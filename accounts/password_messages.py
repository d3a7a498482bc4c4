"""Messages of Django's password validators that its own catalogues lack.

Django 5.2's Finnish catalogue leaves MinimumLengthValidator's message untranslated, so
Finnish readers got it in English. The msgid must be Django's own (with its ``%d``).
Marked here so ``makemessages`` keeps it in accounts/locale, which fills the gap
(Django's own translations win where they exist).
"""

from django.utils.translation import ngettext_lazy

TOO_SHORT = ngettext_lazy(
    "This password is too short. It must contain at least %d character.",
    "This password is too short. It must contain at least %d characters.",
    "min_length",
)
