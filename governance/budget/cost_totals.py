"""The monthly totals of the cost entries (CostTotal): per project, month, work area, cost
category and financier, the sum and the number of entries. The budget follow-up reads them
instead of the entries (figures.py), so the overview costs the same at a million entries
as at a thousand. They are derived and always equal to the entries:

- an import adds each chunk's sums in the chunk's transaction, its undo subtracts them
  (cost_import.py);
- an entry saved one by one (the admin, the factories) refreshes its months from the
  entries (the post_save receiver below); an entry deleted in the admin does the same
  (cost_views.CostEntryDeleteView);
- `rebuild(project)` sums them anew from the entries (migrations, the bench).

Writers of one project's totals take the project's row lock first (on SQLite the write
lock already lets one writer at a time), so two imports never lose each other's sums.
"""

from collections import defaultdict

from django.db import transaction
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from governance.budget.models import CostEntry, CostTotal
from governance.register.models import Project

ROW = ("date", "work_area_id", "category_id", "financier_id", "amount")


def month_of(day):
    return day.replace(day=1)


def _sums(rows):
    """{(month, area, category, financier): [amount, count]} of (date, area, category,
    financier, amount) rows."""
    sums = defaultdict(lambda: [0, 0])
    for day, area, category, financier, amount in rows:
        bucket = sums[month_of(day), area, category, financier]
        bucket[0] += amount
        bucket[1] += 1
    return sums


def _lock(project_id):
    list(Project.objects.select_for_update().filter(pk=project_id).values_list("pk"))


def _apply(project_id, sums, sign):
    if not sums:
        return
    _lock(project_id)
    months = {key[0] for key in sums}
    existing = {
        (t.month, t.work_area_id, t.category_id, t.financier_id): t
        for t in CostTotal.objects.filter(project_id=project_id, month__in=months)
    }
    new, changed, emptied = [], [], []
    for key, (amount, count) in sums.items():
        total = existing.get(key)
        if total is None:
            new.append(
                CostTotal(
                    project_id=project_id,
                    month=key[0],
                    work_area_id=key[1],
                    category_id=key[2],
                    financier_id=key[3],
                    amount=sign * amount,
                    entry_count=sign * count,
                )
            )
            continue
        total.amount += sign * amount
        total.entry_count += sign * count
        (emptied if total.entry_count == 0 else changed).append(total)
    CostTotal.objects.bulk_create(new)
    CostTotal.objects.bulk_update(changed, ["amount", "entry_count"], batch_size=500)
    CostTotal.objects.filter(pk__in=[t.pk for t in emptied]).delete()


def add(project_id, entries):
    """After `entries` (CostEntry objects of one project) were written, in their transaction."""
    _apply(project_id, _sums((getattr(e, name) for name in ROW) for e in entries), 1)


def subtract(project_id, rows):
    """After entries were deleted: `rows` are their (date, area, category, financier,
    amount) values, read before the delete, in its transaction."""
    _apply(project_id, _sums(rows), -1)


def refresh(project_id, months):
    """Sums the given months of a project anew from its entries."""
    if not months:
        return
    with transaction.atomic():
        _lock(project_id)
        CostTotal.objects.filter(project_id=project_id, month__in=months).delete()
        first, last = min(months), max(months)
        entries = CostEntry.objects.filter(project_id=project_id, date__gte=first)
        if last.month == 12:
            entries = entries.filter(date__lt=last.replace(year=last.year + 1, month=1))
        else:
            entries = entries.filter(date__lt=last.replace(month=last.month + 1))
        _insert(project_id, entries, months)


def rebuild(project):
    """Every total of the project summed anew from its entries."""
    with transaction.atomic():
        _lock(project.pk)
        CostTotal.objects.filter(project=project).delete()
        _insert(project.pk, CostEntry.objects.filter(project=project), None)


def _insert(project_id, entries, months):
    rows = (
        entries.annotate(month=TruncMonth("date"))
        .values_list("month", "work_area_id", "category_id", "financier_id")
        .annotate(amount=Sum("amount"), count=Count("pk"))
        .order_by()
    )
    CostTotal.objects.bulk_create(
        (
            CostTotal(
                project_id=project_id,
                month=month,
                work_area_id=area,
                category_id=category,
                financier_id=financier,
                amount=amount,
                entry_count=count,
            )
            for month, area, category, financier, amount, count in rows
            if months is None or month in months
        ),
        batch_size=2000,
    )


@receiver(pre_save, sender=CostEntry, dispatch_uid="cost_totals_before")
def _remember_old_month(sender, instance, raw=False, **kwargs):
    instance._months_before = None
    if instance.pk and not raw:
        instance._months_before = (
            CostEntry.objects.filter(pk=instance.pk).values_list("project_id", "date").first()
        )


@receiver(post_save, sender=CostEntry, dispatch_uid="cost_totals_after")
def _refresh_after_save(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata and restore bring the totals with them
        return
    months = {month_of(instance.date)}
    before = getattr(instance, "_months_before", None)
    if before and before[0] != instance.project_id:
        refresh(before[0], {month_of(before[1])})
    elif before:
        months.add(month_of(before[1]))
    refresh(instance.project_id, months)


def deleted(entry):
    """After one entry was deleted (the admin)."""
    refresh(entry.project_id, {month_of(entry.date)})
