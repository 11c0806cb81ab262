"""Budget versions at the scale of issue 16: 600 lines (20 work areas × 6 cost categories ×
5 years).

Target: saving a 600-line version under 1 s (median). Timed three ways: the grid editor's
post through the admin (what the project leader waits for: the form, the service, the
redirect), services.save_draft_lines alone, and the grid page rendered. Every save changes
all 600 amounts, so no call is a no-op.
"""

import datetime
import json
import statistics
import time
from decimal import Decimal

from django.db import connection

SLUG = "bench-budget-versions"
WORK_AREAS = 20
YEARS = range(2012, 2017)


def build():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from core.roles import PROJECT_LEADER
    from governance.budget.models import BudgetVersion
    from governance.register.models import Project, WorkArea

    # A version's lines protect the work areas and categories: they go first.
    BudgetVersion.objects.filter(project__slug=SLUG).delete()
    Project.objects.filter(slug=SLUG).delete()
    project = Project.objects.create(
        name="Benchmark: budgetversioner",
        short_name="Bench budget",
        slug=SLUG,
        start_date=datetime.date(2012, 1, 1),
        end_date=datetime.date(2016, 12, 31),
    )
    WorkArea.objects.bulk_create(
        WorkArea(project=project, code=f"{chr(65 + n)}", title=f"Område {n}", sort_order=n)
        for n in range(WORK_AREAS)
    )
    version = BudgetVersion.objects.create(project=project, number=1, label="Bench")
    User = get_user_model()
    User.objects.filter(username="bench-budget-versions").delete()
    leader = User.objects.create_user("bench-budget-versions", password="x")
    leader.groups.add(Group.objects.get(name=PROJECT_LEADER))
    return project, version, leader


def line_keys(project):
    from governance.budget.models import CostCategory
    from governance.budget.version_lines import LineKey

    categories = list(CostCategory.objects.filter(project=project))
    return [
        LineKey(area.pk, category.pk, None, None, year, None)
        for area in project.work_areas.all()
        for category in categories
        for year in YEARS
    ]


def counted(func):
    """Median and p95 in ms of func(), and the queries of its first call."""
    queries = []
    with connection.execute_wrapper(lambda execute, *args: queries.append(1) or execute(*args)):
        func()
    timings = []
    for _ in range(7):
        started = time.perf_counter()
        func()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return statistics.median(timings), timings[-1], len(queries)


def run():
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse

    from governance.budget import services
    from governance.budget.version_editor import cell_name

    project, version, leader = build()
    keys = line_keys(project)
    assert len(keys) == 600
    rounds = iter(range(1, 1000))
    rows = []

    def save_with_service():
        amount = Decimal(next(rounds)) + Decimal("0.25")
        changes = services.save_draft_lines(version, dict.fromkeys(keys, amount))
        assert len(changes.added) + len(changes.changed) == 600

    rows.append(
        (
            "budget version: save 600 lines (service)",
            *counted(save_with_service),
            "target < 1000 ms",
        )
    )

    admin = Client()
    admin.force_login(leader)
    url = reverse("budget_version:edit", args=[version.pk])

    def post_grid():
        # As version_editor.js posts it: every changed cell packed into one field.
        text = f"{next(rounds)} 000,50"
        cells = {cell_name(key): text for key in keys}
        response = admin.post(url, {"number": "1", "label": "Bench", "cells": json.dumps(cells)})
        assert response.status_code == 302, response.status_code

    def render_grid():
        response = admin.get(url)
        assert response.status_code == 200 and response.content.count(b'data-saved="') == 600

    with override_settings(ALLOWED_HOSTS=["*"]):
        median, p95, queries = counted(post_grid)
        verdict = "OK" if median < 1000 else "TOO SLOW"
        rows.append(
            (
                "budget version: save 600 lines (admin grid post)",
                median,
                p95,
                queries,
                f"target < 1000 ms: {verdict}",
            )
        )
        rows.append(("budget version: grid editor page, 600 cells", *counted(render_grid), ""))
    return rows
