"""Public pages of the idea intake: the form, the confirmation and the private status page."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from core import throttle
from core.clientip import client_ip
from core.pages import pages_in
from ideas import actions, replies
from ideas.forms import KEY_SALT, IdeaForm, ReplyForm
from ideas.models import Idea, Status

SUBMITTED_SALT = "ideas.submitted"


def _token_of(raw_key: str | None) -> str | None:
    """The idempotency token of a form key, whatever its age."""
    try:
        return str(signing.loads(raw_key or "", salt=KEY_SALT)["token"])
    except (signing.BadSignature, KeyError, TypeError):
        return None


def _confirmation(idea: Idea) -> HttpResponse:
    signed = signing.dumps(idea.reference, salt=SUBMITTED_SALT)
    return redirect("ideas:submitted", signed=signed)


_page = pages_in("ideas")


StatusView = Callable[[HttpRequest, Idea, str], HttpResponse]


def by_status_token(view: StatusView) -> Callable[[HttpRequest, str], HttpResponse]:
    """``view`` gets the idea whose private status link carries ``token``; an unknown token
    is the (private) not-found page."""

    @wraps(view)
    def with_idea(request: HttpRequest, token: str) -> HttpResponse:
        idea = actions.find_by_status_token(token)
        if idea is None:
            return _private(_page(request, "not_found", _("Page not found"), status=404))
        return view(request, idea, token)

    return with_idea


def _private(response: HttpResponse) -> HttpResponse:
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    """The cooperation-idea form that replaces "contact us: international@espoo.fi"."""
    if request.method != "POST":
        return _form_page(request, IdeaForm())

    token = _token_of(request.POST.get("form_key"))
    if token and (earlier := Idea.objects.filter(submission_token=token).first()):
        return _confirmation(earlier)  # sent twice: the same idea, the same confirmation
    client = throttle.key_of("address", client_ip(request))
    if wait := throttle.wait_seconds(throttle.idea_submission(), client):
        response = _page(request, "rate_limited", _("Too many submissions"), status=429)
        response["Retry-After"] = str(wait)
        return response
    form = IdeaForm(request.POST, request.FILES)
    if form.is_valid():
        submission = actions.submit_idea(
            data=form.cleaned_data,
            token=form.token,
            attachments=form.cleaned_data["attachments"],
            client=client,
        )
        return _confirmation(submission.idea)
    if form.spam:
        throttle.hit(
            throttle.idea_submission(), client
        )  # refused automated posts count towards the limit too
    return _form_page(request, form, status=400 if form.spam else 200)


def _form_page(request: HttpRequest, form: IdeaForm, status: int = 200) -> HttpResponse:
    title = _("Send a cooperation idea")
    description = _(
        "Share our goals and have an idea for cooperation with the City of Espoo? "
        "Tell us with this form."
    )
    context = {"form": form, "description": description, "answer_days": settings.IDEAS_ANSWER_DAYS}
    return _page(request, "form", title, context, failed=bool(form.errors), status=status)


def _masked(email: str) -> str:
    """``m…@example.org``: enough to spot a typo, not enough to read the address."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}…@{domain}" if domain else ""


@never_cache
@require_safe
def submitted(request: HttpRequest, signed: str) -> HttpResponse:
    try:
        reference = signing.loads(signed, salt=SUBMITTED_SALT, max_age=7 * 24 * 3600)
    except signing.BadSignature:
        return _private(_page(request, "not_found", _("Page not found"), status=404))
    idea = Idea.objects.filter(reference=reference).first()
    with translation.override(idea.language if idea else None):
        subject = " ".join(
            render_to_string("ideas/mail/confirmation_subject.txt", {"idea": idea}).split()
        )
    context = {
        "reference": reference,
        "masked_email": _masked(idea.contact_email) if idea else "",
        "sender": settings.DEFAULT_FROM_EMAIL,
        "subject": subject if idea else "",
        "answer_days": settings.IDEAS_ANSWER_DAYS,
        "team_email": settings.IDEAS_TEAM_EMAIL or "international@espoo.fi",
    }
    return _private(_page(request, "submitted", _("Thank you for your idea"), context))


@never_cache
@require_safe
@by_status_token
def status(request: HttpRequest, idea: Idea, token: str) -> HttpResponse:
    """What happened to an idea, for the holder of its private link."""
    return _status_page(request, idea, token, ReplyForm())


def _status_page(
    request: HttpRequest, idea: Idea, token: str, form: ReplyForm, error: str = ""
) -> HttpResponse:
    context = {
        "idea": idea,
        "history": idea.status_history.all(),
        "thread": replies.thread(idea),
        "goals": idea.goals.all(),
        "attachments": idea.attachments.filter(reply__isnull=True),
        "team_email": settings.IDEAS_TEAM_EMAIL,
        "can_withdraw": actions.can_withdraw(idea),
        "can_reply": replies.can_reply(idea),
        "info_requested": idea.status == Status.MORE_INFO_REQUESTED,
        "answer_due": replies.answer_due(idea),
        "answer_days": settings.IDEAS_ANSWER_DAYS,
        "form": form,
        "error": error,
        "token": token,
        "withdrawn": request.GET.get("withdrawn") == "1",
        "replied": request.GET.get("replied") == "1",
    }
    title = _("Your idea %(reference)s") % {"reference": idea.reference}
    failed = bool(error or form.errors)
    return _private(_page(request, "status", title, context, failed=failed))


@never_cache
@require_http_methods(["GET", "POST"])
@by_status_token
def reply(request: HttpRequest, idea: Idea, token: str) -> HttpResponse:
    """The proposer's message (and files) from the status page: one POST, then back."""
    if request.method != "POST":
        return _status_page(request, idea, token, ReplyForm())
    form = ReplyForm(request.POST, request.FILES)
    if not form.is_valid():
        return _status_page(request, idea, token, form)
    try:
        replies.reply_by_proposer(
            idea,
            form.cleaned_data["body"],
            token=form.token,
            attachments=form.cleaned_data["attachments"],
        )
    except actions.Refused as refused:
        return _status_page(request, idea, token, form, refused.message)
    url = reverse("ideas:status", kwargs={"token": token}) + "?replied=1#messages-heading"
    return _private(redirect(url))


@never_cache
@require_http_methods(["GET", "POST"])
@by_status_token
def withdraw(request: HttpRequest, idea: Idea, token: str) -> HttpResponse:
    """The proposer withdraws an open idea: a confirmation page, then one POST."""
    error = ""
    if request.method == "POST":
        reason = request.POST.get("reason", "")
        try:
            actions.withdraw_by_proposer(idea, reason)
        except actions.Refused as refused:
            error = refused.message
        else:
            url = reverse("ideas:status", kwargs={"token": token}) + "?withdrawn=1"
            return _private(redirect(url))
    title = _("Withdraw your idea %(reference)s") % {"reference": idea.reference}
    context = {
        "idea": idea,
        "token": token,
        "error": error,
        "can_withdraw": actions.can_withdraw(idea),
        "reason": request.POST.get("reason", ""),
    }
    return _private(_page(request, "withdraw", title, context, failed=bool(error)))
