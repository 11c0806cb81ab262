"""The read-only JSON API under /api/v1/: one list per dataset (opendata/datasets.py),
paginated, each with `?project=<slug>`, its OpenAPI description at /api/v1/openapi.json.
Nobody logs in: the API shows only what is public, to everyone alike."""

from django.http import Http404, HttpResponse, HttpResponseNotFound
from django.middleware.http import ConditionalGetMiddleware
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import decorator_from_middleware

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework import generics
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from opendata import csv_files, datasets, iati, licences, meta, updates
from opendata.pagination import META_SCHEMA, OpenDataPagination
from opendata.serializers import SERIALIZERS

# An ETag from the content, and 304 to a reader who has it: on every response of the API.
conditional = decorator_from_middleware(ConditionalGetMiddleware)

PROJECT_PARAMETER = OpenApiParameter(
    "project",
    OpenApiTypes.STR,
    description=(
        "Only this project's rows (its slug, from /api/v1/projects/). Asked on a project's "
        "own site, the API answers for that project unless another is named; on the main "
        "site, for every public project."
    ),
)


class OpenDataMixin:
    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        request.open_data_updated = updates.last_changed()

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        updated = getattr(request, "open_data_updated", None)
        if response.status_code == 200 and updated:
            meta.add_headers(response, updated)
        return response


def public_projects(request):
    """The public projects, or the one the reader asks for with ?project= (none if it is
    not public); on a project's own site, that project unless another is asked for
    (datasets.projects_for_request)."""
    return datasets.projects_for_request(request, request.query_params.get("project"))


class DatasetList(OpenDataMixin, generics.ListAPIView):
    pagination_class = OpenDataPagination
    dataset = None

    def get_queryset(self):
        return datasets.DATASETS[self.dataset].rows(public_projects(self.request))

    def get_serializer_class(self):
        return SERIALIZERS[self.dataset]

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return datasets.DATASETS[self.dataset].prepare(page)


def dataset_view(slug):
    dataset = datasets.DATASETS[slug]
    with translation.override("en"):  # the OpenAPI description is in English
        title, description = str(dataset.title), str(dataset.description)
    view = type(f"{slug.title().replace('-', '')}List", (DatasetList,), {"dataset": slug})
    view = extend_schema_view(
        get=extend_schema(
            operation_id=f"list_{slug.replace('-', '_')}",
            summary=title,
            description=description,
            parameters=[PROJECT_PARAMETER],
            tags=["datasets"],
        )
    )(view)
    return conditional(view.as_view())


class Root(OpenDataMixin, APIView):
    """What the API holds, its licence and update date, and where its description and CSV
    files are."""

    @extend_schema(
        operation_id="api_root",
        summary="The API's datasets, licence and update date",
        responses={
            200: OpenApiResponse(
                response={
                    "type": "object",
                    "required": ["meta", "datasets"],
                    "properties": {
                        "meta": META_SCHEMA,
                        "schema": {"type": "string", "format": "uri"},
                        "documentation": {"type": "string", "format": "uri"},
                        "datasets": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "name": {"type": "string"},
                                    "title": {"type": "string"},
                                    "description": {"type": "string"},
                                    "json": {"type": "string", "format": "uri"},
                                    "csv": {"type": "string", "format": "uri"},
                                },
                            },
                        },
                    },
                }
            )
        },
        tags=["about"],
    )
    def get(self, request):
        def url(name, *args):
            return request.build_absolute_uri(reverse(name, args=args))

        return Response(
            {
                "meta": meta.meta(request.open_data_updated),
                "schema": url("opendata:schema"),
                "documentation": url("open_data"),
                "datasets": [
                    {
                        "name": slug,
                        "title": str(dataset.title),
                        "description": str(dataset.description),
                        "json": url(f"opendata:{slug}"),
                        "csv": url("opendata:csv", slug),
                    }
                    for slug, dataset in datasets.DATASETS.items()
                ],
            }
        )


class Schema(SpectacularJSONAPIView):
    """The OpenAPI 3 description of the API, as JSON."""

    authentication_classes = []
    permission_classes = [AllowAny]


class CsvRenderer(JSONRenderer):
    """Names text/csv for the description; the view writes the file itself."""

    media_type = "text/csv"
    format = "csv"


class CsvDownload(OpenDataMixin, APIView):
    renderer_classes = [CsvRenderer]

    @extend_schema(
        operation_id="download_csv",
        summary="A whole dataset as a CSV file",
        description=(
            "UTF-8, comma-separated, with a header row of the JSON's field names. Text "
            "that a spreadsheet would run as a formula starts with an apostrophe. The "
            "licence is in the Link header (rel=license), the update date in Last-Modified."
        ),
        parameters=[
            OpenApiParameter(
                "dataset",
                OpenApiTypes.STR,
                location=OpenApiParameter.PATH,
                enum=list(datasets.DATASETS),
            ),
            PROJECT_PARAMETER,
        ],
        responses={(200, "text/csv"): OpenApiTypes.STR},
        tags=["datasets"],
    )
    def get(self, request, dataset):
        if dataset not in datasets.DATASETS:
            raise Http404
        found = datasets.DATASETS[dataset]
        rows = found.prepare(found.rows(public_projects(request)))
        items = SERIALIZERS[dataset](rows, many=True).data
        response = HttpResponse(content_type="text/csv; charset=utf-8; header=present")
        response["Content-Disposition"] = f'attachment; filename="lagesbild-{dataset}.csv"'
        return csv_files.write(response, SERIALIZERS[dataset], items)


csv_download = conditional(CsvDownload.as_view())


class XmlRenderer(JSONRenderer):
    """Names application/xml for the description; the view writes the document itself."""

    media_type = "application/xml"
    format = "xml"


class IatiExport(OpenDataMixin, APIView):
    renderer_classes = [XmlRenderer]

    @extend_schema(
        operation_id="iati_activities",
        summary="The public projects as IATI activities",
        description=(
            "An IATI activity file (standard 2.03) with one activity per public project: "
            "title, description, financiers and implementing municipalities, status and "
            "dates, the public budget per year (the first approved version as original, "
            "later ones as revised) and the indicators with baseline, target and measured "
            "values. Only what the other datasets show. Not there (404) until the "
            "reporting organisation's IATI identifier is set."
        ),
        parameters=[PROJECT_PARAMETER],
        responses={(200, "application/xml"): OpenApiTypes.STR},
        tags=["datasets"],
    )
    def get(self, request):
        if not iati.reporting_org_ref():
            return HttpResponseNotFound(
                "No IATI export: the reporting organisation's identifier is not set.",
                content_type="text/plain; charset=utf-8",
            )
        from wagtail.models import Site

        from website.models import SiteSettings

        site = Site.find_for_request(request)
        name = (SiteSettings.for_site(site).organisation_name or site.site_name) if site else ""
        body = iati.document(public_projects(request), name, request.open_data_updated)
        response = HttpResponse(body, content_type="application/xml; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="lagesbild-iati.xml"'
        return response


iati_export = conditional(IatiExport.as_view())


def name_licence(result, generator, request, public):
    """drf-spectacular's post-processing hook: the description names the data's licence."""
    licence = licences.current()
    result["info"]["license"] = {"name": licence.name, "url": licence.url}
    return result


def only_open_data(endpoints, **kwargs):
    """drf-spectacular's pre-processing hook: the description covers this API alone, not
    the admin's internal API of Wagtail."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
