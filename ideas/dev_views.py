"""The staff-only development mailbox page (``ideas.devmail``); it exists only with
``DEV_MAILBOX`` on (config/urls.py adds it then)."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from accounts.roles import ADMIN, is_admin, is_editor, staff_view
from ideas import devmail
from ideas.mailtext import own_links_html
from ideas.models import OutboxMessage


@staff_view(ADMIN)
def mailbox(request: HttpRequest) -> HttpResponse:
    if not settings.DEV_MAILBOX:
        raise Http404
    mails = [
        (mail, mark_safe(linebreaks(own_links_html(mail.body), autoescape=False)))  # noqa: S308
        for mail in devmail.mailbox()
    ]
    waiting = OutboxMessage.objects.filter(
        status__in=[OutboxMessage.State.PENDING, OutboxMessage.State.SENDING]
    ).count()
    context = {
        "title": _("Development mailbox"),
        "mails": mails,
        "waiting": waiting,
        "failed": OutboxMessage.objects.filter(status=OutboxMessage.State.FAILED).count(),
        "folder": settings.DEV_MAILBOX_DIR,
        "can_edit": is_editor(request.user),
        "can_admin": is_admin(request.user),
    }
    return render(request, "ideas/dev_mailbox.html", context)
