"""The contact point imports a register in Chromium: confirms sent several times
at once import it once, and a sheet that goes on far below is refused."""

from __future__ import annotations

import pytest

from agreements.models import Agreement, Partner
from tests import factories as f
from tests.agreements.test_import_confirm import ROWS, register
from tests.agreements.test_import_limits import LAST_EXCEL_ROW, far_down, xlsx

pytestmark = pytest.mark.browser
SEND_THREE_TIMES = """async () => {
  const form = document.querySelector("form[action$='/import/confirm/']");
  const send = () => fetch(form.action, {method: "POST", body: new FormData(form)});
  const replies = await Promise.all([send(), send(), send()]);
  return replies.map((reply) => reply.status);
}"""


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_confirms_sent_at_once_import_the_register_once(browse, tmp_path):
    f.contact_point(username="kari")
    f.CountryFactory(iso2="SE", iso3="SWE", name_nb="Sverige", name_en="Sweden")
    upload = tmp_path / "register.csv"
    upload.write_bytes(register())

    browse.login("kari")
    browse.visit("/agreements/import/")
    page = browse.page
    page.set_input_files("#id_file", str(upload))
    page.click("main form button[type=submit]")
    browse.audit()
    browse.screenshot("preview")
    # Three confirms at once, as a double-click on a slow connection sends them,
    # then the button itself: a fourth, which reports the first one's result.
    statuses = page.evaluate(SEND_THREE_TIMES)
    assert statuses == [200, 200, 200]
    page.click("form[action$='/import/confirm/'] button[type=submit]")
    page.wait_for_url("**/agreements/")
    browse.audit()
    browse.screenshot("imported")

    assert f"Importert: {ROWS} nye" in page.inner_text("main")
    assert Agreement.objects.count() == ROWS
    assert Partner.objects.count() == ROWS


def test_a_sheet_with_a_row_far_below_is_refused_next_to_the_field(browse, tmp_path):
    f.contact_point(username="kari")
    upload = tmp_path / "register.xlsx"
    upload.write_bytes(xlsx({2: "Optikk", LAST_EXCEL_ROW: "Langt nede"}, edit=far_down))

    browse.login("kari")
    browse.visit("/agreements/import/")
    page = browse.page
    page.set_input_files("#id_file", str(upload))
    page.click("main form button[type=submit]")
    browse.audit()
    browse.screenshot("refused")
    assert "rader under rad 20" in page.inner_text("#div_id_file")
    assert not Agreement.objects.exists()
