"""Blog posts published in the report's period are listed as evidence of informing the
public; posts outside the period or not live are not."""

import datetime

from django.utils import timezone

import pytest

from governance.reports import content, review
from tests.blog.factories import BlogIndexPageFactory, BlogPostPageFactory
from tests.governance.budget.fixtures import build_small_budget
from tests.governance.reports.fixtures import build_report

pytestmark = pytest.mark.django_db


def at(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 12))


def test_report_lists_the_period_s_published_posts(demo_site, project_leader):
    small = build_small_budget()
    blog = BlogIndexPageFactory(parent=demo_site, project=small.project, intro="Om arbetet.")
    for title, date, publish in [
        ("Första arbetsgivarträffen", at(2013, 4, 12), True),
        ("Sommarhälsning", at(2013, 7, 2), True),
        ("Ett utkast", at(2013, 5, 5), False),
    ]:
        BlogPostPageFactory(parent=blog, title=title, intro="Kort.", date=date, publish=publish)
    report = build_report(small)
    review.submit(report, project_leader)
    report.refresh_from_db()
    posts = content.content(report)["blog_posts"]
    assert [(p["title"], p["date"]) for p in posts] == [
        ("Första arbetsgivarträffen", datetime.date(2013, 4, 12))
    ]
