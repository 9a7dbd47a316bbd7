"""Table-driven scoring scenarios for questionnaire samarbeid v1."""

from __future__ import annotations

import pytest

from screening import scoring
from tests.screening.answers import EEA, EXCHANGE_ONLY, Q, answers, country, partner

L, M, H, VH = "low", "medium", "high", "very_high"
DIMS = ("AF", "SEC", "EXP", "DP", "REP")
RESEARCH = ["joint_research"]

# (id, answers, country, partners, (AF, SEC, EXP, DP, REP), overall or None)
SCENARIOS = [
    ("exchange_with_eea_partner", answers(), EEA, [], (L, L, L, L, L), L),
    (
        "dual_use_with_direct_military_links",
        answers(
            collab__components=RESEARCH,
            research__dual_use="yes",
            research__area=["ca_quantum"],
            partner__military_links="direct",
        ),
        EEA, [], (L, VH, VH, L, L), VH,
    ),
    ("ht01_possible_sanctions_hit", answers(partner__sanctions_screened="possible_hit"),
     EEA, [], (L, L, VH, L, L), VH),
    ("ht01_confirmed_sanctions_list", answers(), EEA,
     [partner("university", ("sanctions_list", "confirmed"))], (L, M, VH, L, L), VH),
    ("ht02_list_one", answers(research__export_list="list_I"), EEA, [],
     (L, M, H, L, L), H),
    ("ht03_wmd", answers(research__wmd_relevance="yes"), EEA, [], (L, M, H, L, L), H),
    ("ht04_military_partner_sensitive_research",
     answers(collab__components=RESEARCH, research__area=["eu_8_marine"]), EEA,
     [partner("military")], (L, VH, VH, L, L), VH),
    ("ht04_named_list_with_dual_use", answers(research__dual_use="yes"), EEA,
     [partner("university", ("named_list", "confirmed"))], (L, VH, VH, L, L), VH),
    # v2: no research sensitivity, so the matrix floor lifts SEC only (PTN-LIST
    # adds EXP 3, which stays low).
    ("named_list_without_sensitive_research", answers(), EEA,
     [partner("university", ("named_list", "confirmed"))], (L, M, L, L, L), M),
    ("ht05_publication_veto", answers(agr__publication="veto"), EEA, [],
     (H, L, L, L, L), H),
    ("ht06_lab_relocation", answers(funding__conditions=["lab_relocation"]), EEA, [],
     (L, H, L, L, L), H),
    ("ht07_classified", answers(data__classified="yes"), EEA, [], (L, H, M, L, L), H),
    ("ht08_pressure_at_renewal",
     answers(case__stage="renewal", incident__pressure="yes"), EEA, [],
     (H, H, L, L, L), VH),
    ("ht09_comprehensive_sanctions_and_dual_use", answers(research__dual_use="yes"),
     country("KP", "T3", sanctions_regime="comprehensive"), [], (L, VH, VH, L, L), VH),
    ("ht10_against_all_travel", answers(),
     country("XX", "T1", travel_advice="against_all"), [], (L, H, L, L, L), H),
    ("ht11_special_data_without_transfer_basis",
     answers(data__personal="special", data__third_country="yes",
             data__transfer_basis="none"),
     country("XX", "T1", gdpr_adequacy="not_adequate"), [], (L, L, L, H, L), H),
    ("two_dimensions_high_escalate",
     answers(agr__publication="veto", data__classified="yes"), EEA, [],
     (H, H, M, L, L), VH),
    ("blocking_sanctions_not_checked",
     answers(partner__sanctions_screened="not_checked"), EEA, [], (L, L, L, L, L),
     None),
    ("blocking_export_list_unknown_under_b8",
     answers(research__dual_use="yes", research__export_list="not_checked"), EEA, [],
     (L, L, M, L, L), None),
    ("blocking_wmd_unknown_under_b8",
     answers(research__dual_use="unknown", research__wmd_relevance="unknown"), EEA, [],
     (L, L, M, L, L), None),
    ("export_list_unchecked_is_not_blocking_under_b7",
     answers(research__export_list="not_checked"), EEA, [], (L, L, L, L, L), L),
    ("blocking_guest_check_with_exp_medium",
     answers(collab__components=["guests_in"], guest__export_check="not_done",
             research__maturity="applied", research__area=["ca_ai_big_data"]),
     EEA, [], (L, L, M, L, L), None),
    ("guest_check_missing_with_exp_low_is_not_blocking",
     answers(collab__components=["guests_in"], guest__export_check="not_done"),
     EEA, [], (L, L, L, L, L), L),
    ("research_area_cap",
     answers(research__area=["ca_quantum", "ca_weapons", "ca_space", "eu_8_marine"]),
     EEA, [], (L, L, L, L, L), L),
    ("country_flags_cap",
     answers(), country("XX", "T1", threat_assessment_named="main_actor",
                        travel_advice="against_non_essential",
                        state_data_access_laws="yes"), [], (L, M, L, L, L), M),
    ("partner_flags_cap", answers(), EEA,
     [partner("university", ("named_list", "confirmed"), ("named_list", "confirmed"),
              ("incident", "yes"))], (L, M, M, L, L), M),
    ("missing_required_answer_is_incomplete",
     {k: v for k, v in answers().items() if k != "research.dual_use"}, EEA, [],
     (L, L, L, L, L), None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("given", "facts", "partners", "levels", "overall"),
    [pytest.param(*s[1:], id=s[0]) for s in SCENARIOS],
)
def test_scenario_levels(given, facts, partners, levels, overall):
    result = scoring.score(Q, given, facts, partners)
    assert tuple(result.level(d) for d in DIMS) == levels
    assert result.overall == overall
    assert result.status == ("incomplete" if overall is None else "complete")


def test_there_are_at_least_twenty_scenarios():
    assert len(SCENARIOS) >= 20


def result(name):
    scenario = next(s for s in SCENARIOS if s[0] == name)
    return scoring.score(Q, *scenario[1:4])


def test_each_hard_trigger_is_named_in_its_scenario():
    fired = {
        t.key
        for s in SCENARIOS
        if s[0].startswith("ht")
        for t in scoring.score(Q, *s[1:4]).hard_triggers
    }
    assert fired == {f"HT-{n:02d}" for n in range(1, 12)}


def test_caps_cut_points_and_keep_the_raw_value():
    areas = result("research_area_cap")
    assert areas.dimension("EXP").points == 3
    assert any(c.raw_points for c in areas.lines("EXP"))
    assert result("country_flags_cap").dimension("SEC").points == 6
    partner_capped = result("partner_flags_cap")
    assert partner_capped.dimension("SEC").points == 5
    assert partner_capped.dimension("EXP").points == 5


def test_blocking_names_the_item_and_route():
    blocked = result("blocking_sanctions_not_checked")
    assert [b.key for b in blocked.blocking] == ["HT-U-SCR"]
    assert "R-EC" in [r.key for r in blocked.routes]
    assert blocked.overall_computed == "low"


def test_unknown_scores_half_weight_rounded_up_and_opens_a_gap():
    res = scoring.score(Q, answers(partner__state_control="unknown"), EEA, [])
    line = next(c for c in res.ledger if c.key == "partner.state_control")
    assert (line.points, line.gap) == (2, True)
    assert "partner.state_control" in [g.key for g in res.gaps]
    assert "(vet ikke: halv vekt)" in line.explanation["nb"]
    assert "(don't know: half weight)" in line.explanation["en"]


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("partner.sanctions_screened", "not_checked"),  # Ikke sjekket: EXP 3, as a hit
        ("partner.military_links", "not_checked"),  # as indirect links
        ("collab.balance", "unknown"),  # as "no"
        ("agr.publication", "unclear"),
    ],
)
def test_a_gap_at_full_weight_does_not_claim_half_weight(key, value):
    res = scoring.score(Q, answers(**{key.replace(".", "__"): value}), EEA, [])
    line = next(c for c in res.ledger if c.key == key)
    assert line.gap
    assert "halv vekt" not in line.explanation["nb"]
    assert "half weight" not in line.explanation["en"]
    assert key in [g.key for g in res.gaps]


def test_country_lines_cite_source_and_edition():
    res = result("country_flags_cap")
    line = next(c for c in res.ledger if c.source == "country")
    assert (line.fact_source, line.fact_edition) == ("admin", "2023")
    assert "Country XX" in line.explanation["nb"]


def test_ledger_explains_in_both_languages():
    res = result("dual_use_with_direct_military_links")
    line = next(c for c in res.ledger if c.key == "partner.military_links")
    assert line.explanation["en"].endswith("+5 SEC") or "+5" in line.explanation["en"]
    assert "Direkte bånd" in line.explanation["nb"]
    assert {"R-CP", "R-EC", "R-LEAD"} <= {r.key for r in res.routes}
    assert "M-MIL-01" in [m.key for m in res.mitigations]
    assert res.escalated


def test_an_exchange_only_collaboration_skips_the_research_questions():
    res = scoring.score(Q, EXCHANGE_ONLY, EEA, [])
    assert (res.status, res.overall) == ("complete", "low")
    assert "R-EC" not in [r.key for r in res.routes]
    # Answers left over in the hidden section count for nothing.
    stray = {**EXCHANGE_ONLY, "research.export_list": "not_checked"}
    res = scoring.score(Q, stray, EEA, [])
    assert not any(c.key.startswith("research.") for c in res.ledger)
    assert "R-EC" not in [r.key for r in res.routes]


@pytest.mark.parametrize("declared", ["yes", "unknown"])
def test_a_declared_research_component_asks_the_research_questions(declared):
    given = {**EXCHANGE_ONLY, "collab.research_component": declared}
    res = scoring.score(Q, given, EEA, [])
    assert res.status == "incomplete"
    assert {"research.area", "research.dual_use", "research.export_list"} <= {
        b.key for b in res.blocking
    }


def test_a_research_activity_needs_no_declaration():
    given = answers(collab__components=RESEARCH)
    del given["collab.research_component"]
    res = scoring.score(Q, given, EEA, [])
    assert (res.status, res.overall) == ("complete", "low")


MISSING_CLAUSES = {
    "agr__af_clause": "no",
    "agr__breaches_defined": "no",
    "agr__termination": "no",
    "agr__exit_plan": "no",
    "agr__legal_review": "no",
    "agr__review_interval": "no",
}


def test_missing_clauses_in_a_draft_agreement_are_advice_not_points():
    draft = answers(collab__agreement_status="in_preparation", **MISSING_CLAUSES)
    res = scoring.score(Q, draft, EEA, [])
    assert not any(c.key.startswith("agr.") for c in res.ledger)
    assert res.overall == "low"
    advice = {m.key: m.detail["because"] for m in res.mitigations}
    assert "agr.af_clause=no" in advice["M-AF-01"]
    assert "agr.termination=no" in advice["M-AGR-03"]
    assert "agr.legal_review=no" in advice["M-AGR-04"]
    assert "R-LEGAL" not in [r.key for r in res.routes]


def test_missing_clauses_in_a_signed_agreement_score():
    signed = answers(collab__agreement_status="signed", **MISSING_CLAUSES)
    res = scoring.score(Q, signed, EEA, [])
    scored = {c.key for c in res.ledger}
    assert {"agr.af_clause", "agr.termination", "agr.legal_review"} <= scored
    assert res.level("REP") == "medium"
    assert "R-LEGAL" in [r.key for r in res.routes]


def test_a_veto_in_a_draft_agreement_still_counts():
    draft = answers(collab__agreement_status="in_preparation", agr__publication="veto")
    res = scoring.score(Q, draft, EEA, [])
    assert [t.key for t in res.hard_triggers] == ["HT-05"]
    assert res.overall == "high"


def test_the_matrix_lifting_sec_and_exp_counts_once_towards_escalation():
    given = answers(
        collab__components=RESEARCH,
        research__dual_use="yes",
        partner__military_links="indirect",
    )
    res = scoring.score(Q, given, country("XX", "T2"), [])
    assert (res.level("SEC"), res.level("EXP")) == ("high", "high")
    assert (res.overall, res.escalated) == ("high", False)


def test_an_exchange_in_a_threat_actor_state_gets_no_export_control_floor():
    given = {**EXCHANGE_ONLY, "country.physical_presence": "yes"}
    res = scoring.score(Q, given, country("XX", "T3"), [])
    assert (res.level("SEC"), res.level("EXP")) == ("medium", "low")
    assert "R-EC" not in [r.key for r in res.routes]
    assert "R-INT" in [r.key for r in res.routes]


def test_no_agreement_recommends_one():
    res = scoring.score(Q, answers(collab__agreement_status="none_planned"), EEA, [])
    assert "M-AGR-01" in [m.key for m in res.mitigations]
    assert not any(c.key.startswith("agr.") for c in res.ledger)


def test_names_come_from_the_definition():
    assert Q.level_name("high", "nb") == "høy"
    assert Q.level_name("very_high", "en") == "very high"
    assert Q.dimension_name("EXP", "en") == "Export control and sanctions"
    assert Q.route_name("R-DPO", "nb") == "Personvernombud"


@pytest.mark.parametrize(
    ("lang", "stored", "shown"),
    [
        ("nb", "Spørsmål? (svar: Ja) → +1 SEC", "Spørsmål? (svar: Ja) → +1 poeng"),
        (
            "en",
            "Question? (answer: Yes) → +5 SEC",
            "Question? (answer: Yes) → +5 points",
        ),
        (
            "en",
            "Question? → +1 SEC (cap 6: 1 of 3)",
            "Question? → +1 point (cap 6: 1 of 3)",
        ),
        (
            "nb",
            "Partneren er på en liste → minst Høy SEC",
            "Partneren er på en liste → minst Høy",
        ),
    ],
)
def test_ledger_lines_read_without_the_dimension_code(lang, stored, shown):
    line = {"dimension": "SEC", "explanation": {lang: stored}}
    assert scoring.plain_explanation(line, lang) == shown
