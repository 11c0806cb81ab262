from rest_framework.pagination import LimitOffsetPagination
from rest_framework.response import Response

from opendata import meta


class OpenDataPagination(LimitOffsetPagination):
    """?limit= (100 by default, at most 1 000) and ?offset=; the page carries the meta."""

    default_limit = 100
    max_limit = 1000

    def get_paginated_response(self, data):
        return Response(
            {
                "meta": meta.meta(getattr(self.request, "open_data_updated", None)),
                "count": self.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        paginated["required"] = ["meta", "count", "results"]
        paginated["properties"] = {"meta": META_SCHEMA, **paginated["properties"]}
        return paginated


META_SCHEMA = {
    "type": "object",
    "description": "The licence of the data and when it last changed.",
    "required": ["licence", "updated"],
    "properties": {
        "licence": {
            "type": "object",
            "required": ["id", "name", "url"],
            "properties": {
                "id": {"type": "string", "description": "SPDX identifier", "example": "CC0-1.0"},
                "name": {"type": "string"},
                "url": {"type": "string", "format": "uri"},
            },
        },
        "updated": {
            "type": "string",
            "format": "date-time",
            "description": "When the published data last changed (Stockholm time).",
        },
    },
}
