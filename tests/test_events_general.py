"""General constructions of wire stories and official statements, on sentences of our own:
meetings in nominal and passive form, calls referred to by date, agreements phrased as
outcomes, background happenings with their dates, and happenings that did not happen
(negation, conditions, hopes, postponements). Publication date 2024-05-02, a Thursday.
"""
from __future__ import annotations

import datetime as dt

from test_events import CHN, USA, day, ex_has_no, extract, of_kind, one, parties

D = dt.date
CAN = "country/CAN"


# --- a measure eased is none imposed, unless a clause says who imposed it -----------------
def test_a_tariff_lifted_that_a_named_government_imposed_is_reported_as_imposed():
    ev = one(extract("Canada agreed to lift the tariffs on electric vehicles from China that Ottawa imposed in August."), "Sanction")
    assert (ev.actor, ev.target) == ((CAN,), (CHN,))
    assert day(ev)[:3] == (D(2023, 8, 1), D(2023, 8, 31), "month")


def test_a_tariff_lifted_with_no_word_of_its_imposition_is_no_sanction():
    assert ex_has_no(extract("Canada agreed to lift the tariffs on electric vehicles from China."), "Sanction")
