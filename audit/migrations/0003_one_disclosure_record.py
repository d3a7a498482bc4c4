"""One disclosure record: ``workspace.DataExport`` (audit-trail and one-person exports) and
``insights.Disclosure`` (data sets with personal data) become ``audit.Disclosure``.

Every existing row of both is copied, oldest first, keeping its time, author, count and
criteria; ``criteria["migrated_from"]`` names the old row ("workspace.dataexport:7"), the id
the audit events written before the merge point to. The old tables are dropped by the next
migrations of workspace and insights. Reversible: the rows are copied back.
"""

from typing import Any

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


# workspace.DataExport.kind -> (audit.Disclosure.kind, file_format), and back.
EXPORT_KINDS = {"audit_csv": ("audit_trail", "csv"), "person_json": ("person", "json")}
BACK = {value[0]: key for key, value in EXPORT_KINDS.items()}


def copy_forward(apps: Any, schema_editor: Any) -> None:
    Disclosure = apps.get_model("audit", "Disclosure")
    DataExport = apps.get_model("workspace", "DataExport")
    InsightsDisclosure = apps.get_model("insights", "Disclosure")
    rows = []
    for old in DataExport.objects.all():
        kind, file_format = EXPORT_KINDS.get(old.kind, (old.kind, ""))
        criteria = {**(old.criteria or {}), "migrated_from": f"workspace.dataexport:{old.pk}"}
        rows.append(
            Disclosure(
                kind=kind, file_format=file_format, criteria=criteria, rows=old.rows,
                by_id=old.by_id, at=old.at,
            )
        )
    for old in InsightsDisclosure.objects.all():
        criteria = {
            "dataset": old.dataset, "personal": True,
            "migrated_from": f"insights.disclosure:{old.pk}",
        }
        rows.append(
            Disclosure(
                kind="dataset", file_format=old.file_format, criteria=criteria, rows=old.rows,
                by_id=old.by_id, at=old.at,
            )
        )
    rows.sort(key=lambda row: (row.at, row.criteria["migrated_from"]))
    for row in rows:  # one by one: the ids follow the time order on every database
        row.save()


def copy_back(apps: Any, schema_editor: Any) -> None:
    Disclosure = apps.get_model("audit", "Disclosure")
    DataExport = apps.get_model("workspace", "DataExport")
    InsightsDisclosure = apps.get_model("insights", "Disclosure")
    for row in Disclosure.objects.order_by("at", "id"):
        criteria = {k: v for k, v in (row.criteria or {}).items() if k != "migrated_from"}
        if row.kind == "dataset":
            old = InsightsDisclosure.objects.create(
                dataset=criteria.get("dataset", ""), file_format=row.file_format,
                rows=row.rows, by_id=row.by_id,
            )
            # "at" is auto_now_add there: set the real time afterwards.
            InsightsDisclosure.objects.filter(pk=old.pk).update(at=row.at)
        else:
            DataExport.objects.create(
                kind=BACK.get(row.kind, row.kind), criteria=criteria, rows=row.rows,
                by_id=row.by_id, at=row.at,
            )


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0002_login_actions'),
        ('workspace', '0002_throttle'),
        ('insights', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Disclosure',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('audit_trail', 'audit trail'), ('person', 'data about one person'), ('dataset', 'data set with personal data')], max_length=20, verbose_name='kind')),
                ('file_format', models.CharField(max_length=5, verbose_name='format')),
                ('criteria', models.JSONField(blank=True, default=dict, verbose_name='criteria')),
                ('rows', models.PositiveIntegerField(default=0, verbose_name='records')),
                ('at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='time')),
                ('by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='exported by')),
            ],
            options={
                'verbose_name': 'disclosure',
                'verbose_name_plural': 'disclosures',
                'ordering': ['-at', '-id'],
            },
        ),
        migrations.RunPython(copy_forward, copy_back),
    ]
