"""The rows were copied into audit.Disclosure (audit/migrations/0003_one_disclosure_record.py)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('insights', '0001_initial'),
        ('audit', '0003_one_disclosure_record'),
    ]

    operations = [
        migrations.DeleteModel(
            name='Disclosure',
        ),
    ]
