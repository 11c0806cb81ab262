"""/oppna-data/: the open data for people, the datasets with their CSV files and JSON
addresses, the licence and the update date."""

from django.shortcuts import render
from django.urls import reverse

from opendata import datasets, iati, licences, meta, updates


def index(request):
    updated = updates.last_changed()
    response = render(
        request,
        "opendata/index.html",
        {
            "datasets": [
                {
                    "dataset": dataset,
                    "csv_url": reverse("opendata:csv", args=[slug]),
                    "json_url": reverse(f"opendata:{slug}"),
                }
                for slug, dataset in datasets.DATASETS.items()
            ],
            "licence": licences.current(),
            "updated": updated,
            "api_url": reverse("opendata:root"),
            "schema_url": reverse("opendata:schema"),
            "iati_url": reverse("opendata:iati") if iati.reporting_org_ref() else None,
        },
    )
    return meta.add_headers(response, updated)
