"""Create, edit and remove pages shared by the portfolio and registry views.

Views stay thin: a form validates, an action (registry.actions, portfolio.actions) saves,
and a refused save shows the page again with what the person typed and why.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db import models
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from registry.actions import (
    InUse,
    Refused,
    StaleRecord,
    delete_record,
    parts_of,
    users_of,
    version_of,
)
from workspace.views.common import page

Save = Callable[..., Any]


def posted(request: HttpRequest) -> Any:
    """The form data to bind, or None to show an unbound form."""
    return request.POST if request.method == "POST" else None


def _refused(form: ModelForm[Any], refusal: Refused) -> int:
    """Keep what the person typed, say why, and take the current version so that sending
    the form again is a conscious choice to overwrite."""
    instance = form.instance
    if instance.pk and (current := type(instance)._default_manager.filter(pk=instance.pk).first()):
        data = form.data.copy()  # type: ignore[attr-defined]
        data[form.add_prefix("version")] = version_of(current)
        form.data = data
    form.add_error(None, refusal.message)
    return 409 if isinstance(refusal, StaleRecord) else 400


def edit_page(
    request: HttpRequest,
    form: ModelForm[Any],
    *,
    title: str,
    back: str,
    save: Save,
    done: Callable[[Any], str],
    saved_message: str,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """GET shows ``form``; POST saves it with ``save(form, user, expected_version=...)``."""
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                record = save(
                    form, request.user, expected_version=form.cleaned_data["version"] or None
                )
            except Refused as refusal:
                status = _refused(form, refusal)
            else:
                messages.success(request, saved_message % {"record": record})
                return redirect(done(record))
    extra = {"form": form, "back": back, "heading": title, **(context or {})}
    return page(request, "record_form", title, extra, failed=bool(form.errors), status=status)


# Workspace pages of the records that may use another one: model label -> (URL name, the
# field holding the id of the record whose page shows it).
USER_PAGES = {
    "portfolio.activity": ("workspace:activity_detail", "pk"),
    "portfolio.participant": ("workspace:activity_detail", "activity_id"),
    "registry.organisation": ("workspace:organisation_detail", "pk"),
    "registry.networkmembership": ("workspace:membership_detail", "pk"),
    "registry.partnership": ("workspace:partnership_detail", "pk"),
    "ideas.idea": ("workspace:idea_detail", "pk"),
}


def describe_user(user: models.Model) -> dict[str, str]:
    """A record that uses another: its kind, name and workspace page (if it has one)."""
    label = user._meta.label_lower
    text = str(user)
    if label == "portfolio.participant":
        text = f"{user.activity} ({user.get_role_display()})"  # type: ignore[attr-defined]
    url = ""
    if label in USER_PAGES:
        name, field = USER_PAGES[label]
        url = reverse(name, args=[getattr(user, field)])
    return {"kind": capfirst(str(user._meta.verbose_name)), "text": text, "url": url}


def delete_page(
    request: HttpRequest,
    record: models.Model,
    *,
    title: str,
    back: str,
    done: str,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """A confirmation page saying what goes with ``record`` and what still uses it (then
    it cannot be removed); the POST removes it as it was when the page was shown."""
    status, problem = 200, ""
    users, total = users_of(record)
    if request.method == "POST":
        try:
            delete_record(record, request.user, expected_version=request.POST.get("version"))
        except Refused as refusal:
            problem = refusal.message
            status = 409 if isinstance(refusal, StaleRecord | InUse) else 400
            if isinstance(refusal, InUse):
                users, total = refusal.users, refusal.total
        else:
            messages.success(request, _("Removed: %(record)s") % {"record": record})
            return redirect(done)
    extra = {
        "record": record,
        "version": version_of(record),
        "back": back,
        "heading": title,
        "problem": problem,
        "parts": [] if users else parts_of(record),
        "users": [describe_user(user) for user in users],
        "more_users": total - len(users),
        **(context or {}),
    }
    return page(request, "record_delete", title, extra, failed=bool(problem), status=status)
