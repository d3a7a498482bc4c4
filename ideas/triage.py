"""Staff triage of ideas: state changes, assignment, notes and answers to the proposer.

Each function is one action: it checks the actor's permission and the idea's state,
refuses a change made from an outdated form (``expected_version``), writes the history
and the audit trail (model signals) and queues mail through the outbox, all in one
transaction. ``ideas.actions`` re-exports them; views and commands call them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.actions import ANY_VERSION, AnyVersion, Refused, Stale, locked_current
from core.slugs import unique_slug
from ideas import outbox
from ideas.mailtext import inert
from ideas.models import (
    CLOSED_STATES,
    DESCRIPTION_MAX,
    Answer,
    AnswerTemplate,
    Idea,
    IdeaNote,
    Status,
    StatusChange,
)
from portfolio.models import Activity, Participant
from registry.models import Organisation
from strategy.models import AlignmentLink

if TYPE_CHECKING:
    from django.contrib.auth.models import User

TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.RECEIVED: (Status.IN_REVIEW, Status.DECLINED, Status.FORWARDED, Status.WITHDRAWN),
    Status.IN_REVIEW: (
        Status.MORE_INFO_REQUESTED,
        Status.ACCEPTED,
        Status.DECLINED,
        Status.FORWARDED,
        Status.WITHDRAWN,
    ),
    Status.MORE_INFO_REQUESTED: (
        Status.IN_REVIEW,
        Status.ACCEPTED,
        Status.DECLINED,
        Status.FORWARDED,
        Status.WITHDRAWN,
    ),
}
# The version a staff form was made from. A view passes its form's version (None is
# refused as stale); callers with no form (commands, the proposer's page) act on the idea
# as it is now, ``ANY_VERSION``, the default.
Expected = int | AnyVersion | None
# A closing decision other than acceptance needs a reason for colleagues.
REASON_REQUIRED = (Status.DECLINED, Status.FORWARDED, Status.WITHDRAWN)


class InvalidTransition(Refused):
    pass


class StaleIdea(Stale):
    pass


def next_states(idea: Idea) -> tuple[str, ...]:
    return TRANSITIONS.get(idea.status, ())


def _require(actor: User, *perms: str) -> None:
    if actor is None or not actor.is_active or not actor.has_perms(perms):
        raise PermissionDenied


def _stale(idea: Idea) -> StaleIdea:
    return StaleIdea(
        _(
            "%(reference)s was changed by someone else while you had it open. "
            "Nothing was saved: check the changes below and try again."
        )
        % {"reference": idea.reference}
    )


def _idea_version(idea: Idea) -> int:
    return idea.version


def _locked(idea: Idea, expected_version: Expected) -> Idea:
    """The idea's current row, locked until commit; refused if a colleague changed it
    (``core.actions.locked_current``: None is refused, ``ANY_VERSION`` is not checked)."""
    return locked_current(Idea, idea.pk, expected_version, version=_idea_version, stale=_stale)


def _clean_text(text: str | None, what: str) -> str:
    text = (text or "").strip()
    if len(text) > DESCRIPTION_MAX:
        raise Refused(
            _("The %(what)s is longer than %(limit)s characters.")
            % {"what": what, "limit": DESCRIPTION_MAX}
        )
    return text


def template_text(template: AnswerTemplate, idea: Idea) -> str:
    """An answer template's text in the proposer's language."""
    return template.text_in(idea.language)


def change_state(
    idea: Idea,
    new_state: str,
    actor: User,
    reason: str = "",
    answer: str | None = None,
    *,
    expected_version: Expected = ANY_VERSION,
    activity_kind: str | None = None,
) -> Idea:
    """Move ``idea`` to ``new_state``; with ``answer``, send it to the proposer too.

    Accepting an idea creates an internal activity of ``activity_kind`` prefilled from it.
    """
    _require(actor, "ideas.change_idea", "ideas.add_statuschange")
    reason = _clean_text(reason, _("reason"))
    answer = _clean_text(answer, _("answer"))
    if new_state == Status.ACCEPTED:
        _require(actor, "portfolio.add_activity")
        if activity_kind not in Activity.Kind.values:
            raise Refused(_("Choose the kind of activity the accepted idea becomes."))
    if new_state in REASON_REQUIRED and not reason:
        raise Refused(_("Write the reason for this decision for your colleagues."))
    with transaction.atomic():
        current = _locked(idea, expected_version)
        if new_state not in next_states(current):
            raise InvalidTransition(
                _("An idea that is “%(current)s” cannot be marked “%(new)s”.")
                % {
                    "current": current.get_status_display(),
                    "new": Status(new_state).label if new_state in Status.values else new_state,
                }
            )
        now = timezone.now()
        current.status = new_state
        current.version += 1
        current.reminded_at = None
        if new_state in CLOSED_STATES:
            current.closed_at = now
        if new_state == Status.ACCEPTED:
            current.activity = _create_activity(current, str(activity_kind), actor)
        current.save()
        StatusChange.objects.create(idea=current, status=new_state, at=now, by=actor, reason=reason)
        if answer:
            _send_answer(current, answer, actor)
    return current


def can_withdraw(idea: Idea) -> bool:
    """The proposer may withdraw an idea while it is still open."""
    return Status.WITHDRAWN in next_states(idea) and not idea.anonymised_at


def withdraw_by_proposer(idea: Idea, reason: str = "") -> Idea:
    """The proposer withdraws their own idea from its private status page.

    No staff permission is involved: holding the status link is the proposer's proof.
    The team is told through the outbox; the history shows the proposer's reason.
    """
    reason = _clean_text(reason, _("reason"))
    with transaction.atomic():
        current = _locked(idea, ANY_VERSION)
        if not can_withdraw(current):
            raise InvalidTransition(
                _("This idea is “%(current)s” and can no longer be withdrawn.")
                % {"current": current.get_status_display()}
            )
        now = timezone.now()
        current.status = Status.WITHDRAWN
        current.version += 1
        current.closed_at = now
        current.save()
        StatusChange.objects.create(
            idea=current,
            status=Status.WITHDRAWN,
            at=now,
            by=None,
            reason=reason or _("Withdrawn by the proposer."),
        )
        outbox.tell_team("withdrawn", current, {"reason": reason})
    return current


def assign_idea(
    idea: Idea,
    assignee: User | None,
    actor: User,
    *,
    expected_version: Expected = ANY_VERSION,
) -> Idea:
    """Make ``assignee`` (an editor) responsible for the idea; None leaves it unassigned."""
    _require(actor, "ideas.change_idea")
    if assignee is not None and not (assignee.is_active and assignee.has_perm("ideas.change_idea")):
        raise Refused(
            _("%(user)s cannot work on ideas and so cannot be assigned.")
            % {"user": assignee.get_username()}
        )
    with transaction.atomic():
        current = _locked(idea, expected_version)
        current.assignee = assignee
        current.version += 1
        current.reminded_at = None
        current.save()
    return current


def add_note(idea: Idea, body: str, actor: User) -> IdeaNote:
    """A private note for colleagues; the proposer never sees it."""
    _require(actor, "ideas.add_ideanote")
    body = _clean_text(body, _("note"))
    if not body:
        raise Refused(_("Write the note first."))
    return IdeaNote.objects.create(idea=idea, body=body, author=actor)


def answer_idea(
    idea: Idea, body: str, actor: User, *, expected_version: Expected = ANY_VERSION
) -> Answer:
    """Send ``body`` to the proposer by mail, in their language, and show it on the
    private status page."""
    _require(actor, "ideas.add_answer")
    body = _clean_text(body, _("answer"))
    if not body:
        raise Refused(_("Write the answer or choose a template."))
    with transaction.atomic():
        current = _locked(idea, expected_version)
        current.version += 1
        current.save(update_fields=["version", "updated_at"])
        return _send_answer(current, body, actor)


def _send_answer(idea: Idea, body: str, actor: User) -> Answer:
    if idea.anonymised_at or not idea.contact_email:
        raise Refused(_("The proposer's contact details have been erased: no answer can be sent."))
    answer = Answer.objects.create(
        idea=idea, body=body, author=actor, sent_at=timezone.now(), language=idea.language
    )
    # The proposer's address is not verified: their own words go out inert (no links).
    context = {
        "idea": idea,
        "answer": answer,
        "title": inert(idea.title),
        "name": inert(idea.contact_name),
    }
    outbox.enqueue(idea.contact_email, "answer", context, idea.language)
    return answer


def _organisation_for(idea: Idea) -> Organisation:
    name = idea.organisation_name.strip()
    match = Organisation.objects.filter(
        Q(name_fi__iexact=name) | Q(name_sv__iexact=name) | Q(name_en__iexact=name)
    ).first()
    if match:
        return match
    return Organisation.objects.create(
        slug=unique_slug(Organisation, name, 100),
        name_fi=name,
        kind=idea.organisation_kind,
        country=idea.organisation_country,
        website=idea.organisation_website,
    )


def _description(idea: Idea, language: str) -> str:
    """The idea's texts under headings in ``language`` (the texts stay as proposed)."""
    with translation.override(language):
        return "\n\n".join(
            [
                idea.description,
                _("What the partner offers: %(text)s") % {"text": idea.offer},
                _("What the partner hopes for: %(text)s") % {"text": idea.hopes},
                _("Created from the cooperation idea %(reference)s.")
                % {"reference": idea.reference},
            ]
        )


def _create_activity(idea: Idea, kind: str, actor: User) -> Activity:
    # Finnish is required; the title falls back to it. The description is written for
    # every language, each with headings in that language: copying the Finnish one put
    # Finnish headings on the English and Swedish pages.
    fields = {f"title_{code}": idea.title[:300] for code in {"fi", idea.language}}
    fields |= {f"description_{code}": _description(idea, code) for code, _n in settings.LANGUAGES}
    activity = Activity.objects.create(
        slug=unique_slug(Activity, idea.title, 120, suffix=idea.reference.lower()),
        kind=kind,
        status=Activity.Status.PLANNED,
        public=False,
        website=idea.organisation_website,
        **fields,
    )
    Participant.objects.create(
        activity=activity, organisation=_organisation_for(idea), role=Participant.Role.PARTNER
    )
    _copy_confirmed_links(idea, activity, actor)
    return activity


def _copy_confirmed_links(idea: Idea, activity: Activity, actor: User) -> None:
    """What staff confirmed about the idea holds for the activity made from it."""
    links = AlignmentLink.objects.for_item(idea).filter(review_state=AlignmentLink.Review.CONFIRMED)
    for link in links:
        AlignmentLink.objects.create(
            item=activity,
            goal=link.goal,
            sdg=link.sdg,
            target=link.target,
            source=AlignmentLink.Source.STAFF,
            confidence=link.confidence,
            evidence=link.evidence,
            review_state=AlignmentLink.Review.CONFIRMED,
            reviewed_by=actor,
            reviewed_at=timezone.now(),
        )
