from typing import Any

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from django_stubs_ext import StrOrPromise

from portal import views

app_name = "portal"


def statement(template: str, title: StrOrPromise, description: StrOrPromise, **context: Any) -> Any:
    """A page on templates/page.html with nothing to look up: a fixed statement."""
    extra = {"title": title, "description": description, **context}
    return TemplateView.as_view(template_name=template, extra_context=extra)


PRIVACY = statement(
    "portal/privacy.html",
    _("Privacy notice for cooperation ideas"),
    _("How the City of Espoo handles the personal data of people who submit a cooperation idea."),
)
ACCESSIBILITY = statement(
    "portal/accessibility.html",
    _("Accessibility statement"),
    _(
        "How accessible the International Espoo service is, what is known not to work yet, and "
        "how to give feedback."
    ),
    statement_date=views.ACCESSIBILITY_STATEMENT_DATE,
)

urlpatterns = [
    path("", views.home, name="home"),
    path("goals/", views.goal_list, name="goal_list"),
    path("goals/<slug:period>/<int:number>/", views.goal_detail, name="goal_detail"),
    path("sdg/", views.sdg_list, name="sdg_list"),
    path("sdg/<int:number>/", views.sdg_detail, name="sdg_detail"),
    path("activities/", views.activity_list, name="activity_list"),
    path("activities/<slug:slug>/", views.activity_detail, name="activity_detail"),
    path("networks/", views.networks, name="networks"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("privacy/", PRIVACY, name="privacy"),
    path("accessibility/", ACCESSIBILITY, name="accessibility"),
    path("contact/", views.contact, name="contact"),
    path("ai/", views.ai_register, name="ai_register"),
]
