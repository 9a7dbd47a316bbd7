from django.db import migrations, models
from django.db.models import F


def same_as_bokmal(apps, schema_editor):
    """Most names are the same in nynorsk; sync_countries writes the others."""
    Country = apps.get_model("countries", "Country")
    Country.objects.filter(name_nn="").update(name_nn=F("name_nb"))


class Migration(migrations.Migration):
    dependencies = [
        ("countries", "0003_indicator_checked_on"),
    ]

    operations = [
        migrations.AddField(
            model_name="country",
            name="name_nn",
            field=models.CharField(
                blank=True,
                help_text="Empty: the same as in bokmål.",
                max_length=100,
                verbose_name="name (nynorsk)",
            ),
        ),
        migrations.RunPython(same_as_bokmal, migrations.RunPython.noop),
    ]
