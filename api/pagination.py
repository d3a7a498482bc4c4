from __future__ import annotations

from django.conf import settings
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """``?page=2&page_size=100``; the answer has count, next, previous and results."""

    page_size_query_param = "page_size"

    @property
    def page_size(self) -> int:
        return settings.API_PAGE_SIZE

    @property
    def max_page_size(self) -> int:
        return settings.API_MAX_PAGE_SIZE
