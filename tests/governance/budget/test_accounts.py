"""The account mapping: BAS defaults, the narrowest range wins, ranges that cross are
refused, and the mapping is kept in the admin by the project leaders only."""

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from governance.budget import accounts
from governance.budget.models import (
    AccountMapping,
    CostCategory,
    create_default_account_mappings,
)
from tests.governance.register.factories import ProjectFactory


@pytest.fixture
def project(db):
    return ProjectFactory()


def category_of(project, account):
    found = accounts.AccountChart(project).category_for(account)
    return found.name if found else None


@pytest.mark.parametrize(
    ("account", "category"),
    [
        (5010, "Lokaler"),  # lokalhyra
        (5170, "Lokaler"),  # reparation av fastighet
        (5410, "Utrustning"),  # förbrukningsinventarier
        (5810, "Resor"),  # biljetter
        (5831, "Resor"),  # kost och logi i Sverige
        (6110, "Övrigt"),  # kontorsmateriel
        (6212, "Övrigt"),  # mobiltelefon
        (6420, "Externa tjänster"),  # revisionsarvoden
        (6550, "Externa tjänster"),  # konsultarvoden
        (6800, "Externa tjänster"),  # inhyrd personal
        (6991, "Övrigt"),  # övriga externa kostnader
        (7010, "Personal"),  # löner till tjänstemän
        (7510, "Personal"),  # arbetsgivaravgifter
        (7699, "Personal"),
        (50101, "Lokaler"),  # a sub-account: its first four digits count
        (7831, None),  # depreciation: the project decides
        (8410, None),  # interest
    ],
)
def test_a_new_project_maps_the_bas_accounts_to_its_default_categories(project, account, category):
    assert category_of(project, account) == category


def test_the_narrowest_range_wins_and_a_single_account_beats_a_range(project):
    external = CostCategory.objects.get(project=project, name="Externa tjänster")
    AccountMapping.objects.create(project=project, first_account=6110, category=external)
    assert category_of(project, 6110) == "Externa tjänster"
    assert category_of(project, 6111) == "Övrigt"
    assert category_of(project, 61101) == "Externa tjänster"


def test_defaults_follow_the_categories_by_name_and_are_made_once(project):
    CostCategory.objects.filter(project=project, name="Resor").delete()  # its mappings go too
    AccountMapping.objects.filter(project=project).delete()
    create_default_account_mappings(project)
    create_default_account_mappings(project)
    assert AccountMapping.objects.filter(project=project).count() == 11  # 13 less 2 for Resor
    assert category_of(project, 5810) is None


def mapping(project, first, last=None, name="Övrigt"):
    return AccountMapping(
        project=project,
        first_account=first,
        last_account=last,
        category=CostCategory.objects.get(project=project, name=name),
    )


@pytest.mark.parametrize(
    ("first", "last", "message"),
    [
        (6950, 7050, "Kontona överlappar 6000–6999 → Övrigt."),
        (6400, 6599, "Kontona överlappar 6400–6599 → Externa tjänster."),
        (5199, 5100, "Intervallet slutar innan det börjar."),
        (5000, 51999, "Intervallets början och slut måste ha lika många siffror."),
    ],
)
def test_ranges_that_cross_or_are_upside_down_are_refused(project, first, last, message):
    with pytest.raises(ValidationError, match=message):
        mapping(project, first, last).full_clean()


def test_ranges_inside_others_are_allowed(project):
    for first, last in [(6100, 6199), (6110, None), (61105, 61109)]:
        item = mapping(project, first, last)
        item.full_clean()
        item.save()
    assert item.last_account == 61109
    assert str(AccountMapping.objects.get(project=project, first_account=6110)) == "6110 → Övrigt"


def test_a_category_of_another_project_is_refused(project):
    other = CostCategory.objects.get(project=ProjectFactory(), name="Resor")
    item = AccountMapping(project=project, first_account=5890, category=other)
    with pytest.raises(ValidationError, match="Kostnadsslaget hör till ett annat projekt."):
        item.full_clean()


@pytest.mark.parametrize(
    ("value", "expected"),
    [("5010", 5010), (5010, 5010), (5010.0, 5010), ("5010 Lokalhyra", 5010), (" 50101 ", 50101)],
)
def test_account_numbers_are_read_as_exports_write_them(value, expected):
    assert accounts.parse_account(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Kontot saknas."),
        ("Lokalhyra", "”Lokalhyra” är inte ett kontonummer"),
        ("501", "”501” är inte ett kontonummer"),
    ],
)
def test_bad_account_numbers_are_refused_in_swedish(value, message):
    with pytest.raises(ValueError, match=message):
        accounts.parse_account(value)


def test_account_classes():
    assert [accounts.account_class(a) for a in (1930, 2440, 3010, 4010, 7010, 8410)] == [
        accounts.BALANCE,
        accounts.BALANCE,
        accounts.INCOME,
        accounts.COST,
        accounts.COST,
        accounts.COST,
    ]


def test_the_project_leader_keeps_the_mapping_in_the_admin(
    project, client, project_leader, django_assert_max_num_queries
):
    client.force_login(project_leader)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("account_mapping:index") + f"?project={project.pk}")
    page = response.content.decode()
    assert response.status_code == 200
    assert "7000–7699" in page and "Personal" in page
    category = CostCategory.objects.get(project=project, name="Övrigt")
    response = client.post(
        reverse("account_mapping:add"),
        {
            "project": project.pk,
            "first_account": "8400",
            "last_account": "8499",
            "category": category.pk,
            "note": "Räntekostnader",
        },
    )
    assert response.status_code == 302
    assert category_of(project, 8410) == "Övrigt"
    # A range that crosses another is a message on the form, not an error page.
    response = client.post(
        reverse("account_mapping:add"),
        {"project": project.pk, "first_account": "8450", "last_account": "8550"},
    )
    assert response.status_code == 200
    assert AccountMapping.objects.filter(project=project, first_account=8450).count() == 0


def test_the_steering_group_reads_the_mapping_but_does_not_change_it(
    project, client, steering_member
):
    client.force_login(steering_member)
    assert client.get(reverse("account_mapping:index")).status_code == 200
    assert client.get(reverse("account_mapping:add")).status_code == 403
