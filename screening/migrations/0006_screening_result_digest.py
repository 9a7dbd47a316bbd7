import hashlib
import json

from django.db import migrations, models

BATCH = 500


def digest(result):
    """scoring.stored.digest as it was when this migration was written, frozen
    here: a migration must not change when application code does."""
    text = json.dumps(result, sort_keys=True, separators=(",", ":"))
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def backfill(apps, schema_editor):
    """The digest of each stored result (the digest of its canonical JSON,
    which is what every later save writes)."""
    Screening = apps.get_model("screening", "Screening")
    rows = Screening.objects.only("pk", "result").order_by("pk").iterator(BATCH)
    batch = []
    for screening in rows:
        screening.result_digest = digest(screening.result or {})
        batch.append(screening)
        if len(batch) == BATCH:
            Screening.objects.bulk_update(batch, ["result_digest"])
            batch = []
    Screening.objects.bulk_update(batch, ["result_digest"])


class Migration(migrations.Migration):
    dependencies = [
        ("screening", "0005_screening_dimension_levels"),
    ]

    operations = [
        migrations.AddField(
            model_name="screening",
            name="result_digest",
            field=models.CharField(
                blank=True,
                editable=False,
                max_length=32,
                verbose_name="result digest",
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
