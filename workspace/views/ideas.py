"""The ideas inbox, the idea page and its triage actions (thin: ``ideas.actions`` acts)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.contrib import messages
from django.forms import Form
from django.http import FileResponse, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import EDITOR, VIEWER, staff_user, staff_view
from audit import personal
from ideas import actions, bulk, replies, uploads
from ideas.models import AnswerTemplate, Idea, IdeaAttachment, Status
from ideas.triage import next_states, template_text
from strategy import similarity
from strategy.models import AlignmentLink
from strategy.suggestions import reading_for
from workspace.forms import AnswerForm, AssignForm, BulkForm, NoteForm, StateForm
from workspace.inbox import InboxFilter, is_overdue
from workspace.views.common import page, paged, safe_back


@staff_view(VIEWER)
def idea_list(request: HttpRequest) -> HttpResponse:
    return _list_page(request, request.GET, BulkForm(initial={"back": request.get_full_path()}))


def _list_page(
    request: HttpRequest, query: QueryDict, bulk_form: BulkForm, status: int = 200
) -> HttpResponse:
    filters = InboxFilter(query, request=request)
    listed = paged(request, filters.results(), query)
    current = listed["page"]
    bulk_form.fields["ideas"].choices = [  # type: ignore[attr-defined]
        (f"{idea.pk}.{idea.version}", idea.reference) for idea in current
    ]
    now = timezone.now()
    rows = [(idea, (now - idea.submitted_at).days, is_overdue(idea, now)) for idea in current]
    context = {
        "filters": filters.form,
        "counts": filters.counts(),
        **listed,
        "rows": rows,
        "bulk": bulk_form,
        "templates": AnswerTemplate.objects.all(),
    }
    title = _("Cooperation ideas")
    return page(request, "idea_list", title, context, failed=bool(bulk_form.errors), status=status)


@staff_view(EDITOR, methods=("POST",))
def idea_bulk(request: HttpRequest) -> HttpResponse:
    form = BulkForm(request.POST)
    back = safe_back(request, request.POST.get("bulk-back"), reverse("workspace:idea_list"))
    if not form.is_valid():
        query = QueryDict(urlsplit(back).query)
        return _list_page(request, query, form, status=400)
    outcome = bulk.run(form.cleaned_data, staff_user(request))
    if outcome.done:
        messages.success(
            request,
            _("Done for %(count)d ideas: %(references)s")
            % {"count": len(outcome.done), "references": ", ".join(outcome.done)},
        )
    for problem in outcome.refused:
        messages.error(request, problem)
    return redirect(back)


def _detail_page(
    request: HttpRequest,
    idea: Idea,
    bound: dict[str, Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    initial: dict[str, Any] = {}
    chosen = request.GET.get("template", "")
    if chosen.isdigit() and (template := AnswerTemplate.objects.filter(pk=chosen).first()):
        initial = {"body": template_text(template, idea), "template": template.pk}
    forms: dict[str, Form] = {
        "state": StateForm(idea=idea),
        "assign": AssignForm(idea=idea),
        "answer": AnswerForm(idea=idea, initial=initial),
        "note": NoteForm(),
        **(bound or {}),
    }
    links = AlignmentLink.objects.for_item(idea).select_related(
        "goal", "sdg", "target", "reviewed_by"
    )
    context = {
        "idea": personal.read(idea),  # the page shows the proposer's contact details
        "forms": forms,
        "error_form": next((f for f in forms.values() if f.errors), None),
        "next_states": [Status(s) for s in next_states(idea)],
        "history": idea.status_history.select_related("by"),
        "answers": idea.answers.select_related("author"),
        "thread": replies.thread(idea),
        "answer_due": replies.answer_due(idea),
        "notes": idea.notes.select_related("author"),
        "attachments": idea.attachments.filter(reply__isnull=True),
        "goals": idea.goals.all(),
        "links": [(link, None, None) for link in links],
        "templates": AnswerTemplate.objects.all(),
        "overdue": is_overdue(idea),
        "age": (timezone.now() - idea.submitted_at).days,
        "related": similarity.related(idea),
        "set_aside": _set_aside(idea),
    }
    title = _("Idea %(reference)s") % {"reference": idea.reference}
    failed = bool(context["error_form"])
    return page(request, "idea_detail", title, context, failed=failed, status=status)


def _set_aside(idea: Idea) -> str:
    """Why the alignment engine set the idea aside ("" when it did not)."""
    reading = reading_for(idea)
    return str(reading.get_abstain_display()) if reading and reading.abstain else ""


@staff_view(VIEWER)
def idea_detail(request: HttpRequest, idea_id: int) -> HttpResponse:
    return _detail_page(request, get_object_or_404(Idea, pk=idea_id))


def _done(request: HttpRequest, idea: Idea, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("workspace:idea_detail", idea_id=idea.pk)


def _refused(
    request: HttpRequest, idea: Idea, name: str, form: Form, refusal: actions.Refused
) -> HttpResponse:
    """Show the page again with what the user typed, the reason, and the idea as it is now;
    the form takes the current version, so sending it again is a conscious choice."""
    idea.refresh_from_db()
    data = form.data.copy()  # type: ignore[attr-defined]
    data[form.add_prefix("version")] = str(idea.version)
    form.data = data
    form.add_error(None, refusal.message)
    status = 409 if isinstance(refusal, actions.StaleIdea) else 400
    return _detail_page(request, idea, {name: form}, status=status)


@staff_view(EDITOR, methods=("POST",))
def idea_state(request: HttpRequest, idea_id: int) -> HttpResponse:
    idea = get_object_or_404(Idea, pk=idea_id)
    form = StateForm(request.POST, idea=idea)
    if not form.is_valid():
        return _detail_page(request, idea, {"state": form}, status=400)
    data = form.cleaned_data
    try:
        idea = actions.change_state(
            idea,
            data["new_state"],
            staff_user(request),
            data["reason"],
            form.answer_text(),
            expected_version=data["version"],
            activity_kind=data["activity_kind"] or None,
        )
    except actions.Refused as refusal:
        return _refused(request, idea, "state", form, refusal)
    return _done(
        request,
        idea,
        _("%(reference)s is now “%(state)s”.")
        % {"reference": idea.reference, "state": idea.get_status_display()},
    )


@staff_view(EDITOR, methods=("POST",))
def idea_assign(request: HttpRequest, idea_id: int) -> HttpResponse:
    idea = get_object_or_404(Idea, pk=idea_id)
    form = AssignForm(request.POST, idea=idea)
    if not form.is_valid():
        return _detail_page(request, idea, {"assign": form}, status=400)
    try:
        idea = actions.assign_idea(
            idea,
            form.cleaned_data["assignee"],
            staff_user(request),
            expected_version=form.cleaned_data["version"],
        )
    except actions.Refused as refusal:
        return _refused(request, idea, "assign", form, refusal)
    return _done(request, idea, _("The assignment was saved."))


@staff_view(EDITOR, methods=("POST",))
def idea_answer(request: HttpRequest, idea_id: int) -> HttpResponse:
    idea = get_object_or_404(Idea, pk=idea_id)
    form = AnswerForm(request.POST, idea=idea)
    if not form.is_valid():
        return _detail_page(request, idea, {"answer": form}, status=400)
    try:
        actions.answer_idea(
            idea,
            form.answer_text(),
            staff_user(request),
            expected_version=form.cleaned_data["version"],
        )
    except actions.Refused as refusal:
        return _refused(request, idea, "answer", form, refusal)
    return _done(request, idea, _("The answer was sent to the proposer."))


@staff_view(EDITOR, methods=("POST",))
def idea_note(request: HttpRequest, idea_id: int) -> HttpResponse:
    idea = get_object_or_404(Idea, pk=idea_id)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, idea, {"note": form}, status=400)
    try:
        actions.add_note(idea, form.cleaned_data["body"], staff_user(request))
    except actions.Refused as refusal:
        form.add_error(None, refusal.message)
        return _detail_page(request, idea, {"note": form}, status=400)
    return _done(request, idea, _("The note was saved."))


@staff_view(VIEWER)
def idea_attachment(request: HttpRequest, idea_id: int, attachment_id: int) -> FileResponse:
    """Attachments are served to staff only, and every download is in the audit trail."""
    attachment = get_object_or_404(IdeaAttachment, idea_id=idea_id, pk=attachment_id)
    return uploads.download(attachment)
