"""The API's addresses, mounted at /api/v1/ by website/urls.py (namespace "opendata")."""

from django.urls import path

from opendata import api, datasets

app_name = "opendata"

urlpatterns = [
    path("", api.conditional(api.Root.as_view()), name="root"),
    path("openapi.json", api.Schema.as_view(), name="schema"),
    path("csv/<slug:dataset>.csv", api.csv_download, name="csv"),
    path("iati.xml", api.iati_export, name="iati"),
    *(path(f"{slug}/", api.dataset_view(slug), name=slug) for slug in datasets.DATASETS),
]
