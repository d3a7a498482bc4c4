from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, path
from django.views.i18n import set_language

from core import views as core_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/setlang/", set_language, name="set_language"),
]

urlpatterns += i18n_patterns(
    path("", core_views.home, name="home"),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)
