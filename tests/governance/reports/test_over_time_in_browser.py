"""In Chromium: a steering-group member goes from the report list to the comparison over
time, reads it at 1280 and at 320 px (no sideways scrolling of the page, no serious axe
violation in the comparison) and downloads the sheet, whose figures are the page's."""

import io
from decimal import Decimal
from pathlib import Path

from django.urls import reverse

import openpyxl
import pytest

from core.roles import PROJECT_LEADER, STEERING_GROUP
from governance.common.money import format_sek
from tests.governance.budget.fixtures import build_small_budget
from tests.governance.reports.fixtures import add_register_data, submit_quarters
from tests.quality.browser import admin_account as user
from tests.quality.browser import log_in


def axe_problems_in(page, selector):
    from tests.quality.browser import BLOCKING_IMPACTS, WCAG_TAGS, axe_source, describe

    page.evaluate(axe_source())
    result = page.evaluate(
        "([selector, opts]) => axe.run(document.querySelector(selector), opts)",
        [selector, {"runOnly": {"type": "tag", "values": WCAG_TAGS}}],
    )
    return [describe(v) for v in result["violations"] if v["impact"] in BLOCKING_IMPACTS]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_steering_group_compares_the_reports_over_time(migrated_db, live_server, browser_page):
    page = browser_page
    small = build_small_budget()
    add_register_data(small)
    submit_quarters(small, user("ledaren", PROJECT_LEADER))
    user("ledamoten", STEERING_GROUP)

    log_in(page, live_server.url, "ledamoten")
    page.goto(live_server.url + reverse("statusreport:index"))
    page.get_by_role("link", name="Jämförelse över tid").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().strip() == "Jämförelse över tid"
    periods = page.locator("#status tbody th a").all_inner_texts()
    assert periods == ["2013 kv 1", "2013 kv 2", "2013 kv 3"]
    shown = page.locator("#kostnader tbody tr").nth(1).locator("td").nth(2).inner_text()
    assert " ".join(shown.split()) == " ".join(format_sek(Decimal("36000.04")).split())
    assert page.locator("figure.indicator-chart svg circle").count() == 3
    assert axe_problems_in(page, ".over-time") == []

    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ned som Excel").click()
    book = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    costs = [row for row in book["Kostnader"].iter_rows(values_only=True) if row[0] == "2013 kv 2"]
    assert round(Decimal(str(costs[0][5])), 2) == Decimal("36000.04")

    page.set_viewport_size({"width": 320, "height": 800})
    page.reload()
    page.wait_for_load_state()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"the page scrolls sideways at 320 px: {width} px wide"
