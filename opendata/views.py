"""/oppna-data/: the open data for people, the datasets with their CSV files and JSON
addresses, the licence and the update date.

On the main site it offers every public project's data and one project's with
`?projekt=<slug>`; on a project's own site, that project's (opendata/datasets.py
`projects_for_request`)."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse

from governance.register import public_project
from opendata import datasets, iati, licences, meta, updates


def index(request):
    updated = updates.last_changed()
    site_wide = public_project.site_wide(request)
    public = list(datasets.projects(datasets.public_projects())) if site_wide else []
    chosen = next((p for p in public if p.slug == request.GET.get("projekt")), None)
    if not site_wide:
        chosen = datasets.projects_for_request(request).first()
    query = "?" + urlencode({"project": chosen.slug}) if chosen else ""
    iati_url = reverse("opendata:iati") + query if iati.reporting_org_ref() else None
    response = render(
        request,
        "opendata/index.html",
        {
            "datasets": [
                {
                    "dataset": dataset,
                    "csv_url": reverse("opendata:csv", args=[slug]) + query,
                    "json_url": reverse(f"opendata:{slug}") + query,
                }
                for slug, dataset in datasets.DATASETS.items()
            ],
            # The choice of a project, on the main site when there are several.
            "projects": public if len(public) > 1 else [],
            "chosen_project": chosen,
            "licence": licences.current(),
            "updated": updated,
            "api_url": reverse("opendata:root"),
            "schema_url": reverse("opendata:schema"),
            "iati_url": iati_url,
        },
    )
    return meta.add_headers(response, updated)
