"""Entity mentions read through the whole extractor, on sentences of our own.

People, organizations, countries and places are found by catalog names and short forms,
by the shape of a name (a title before it, an apposition, a Chinese family name and a
pinyin given name, a run of capitalised words ending in "Ministry" or "Co., Ltd."), and
by resolving short names to people already named.  Keys are stable across articles so
that they can become IRIs.  The people with invented names below are not in the catalog.
"""
from __future__ import annotations

import datetime as dt

import pytest

from graph.extract import default_extractor
from graph.model import Article, Extraction

PUBLISHED = dt.date(2024, 6, 20)


def extract(text: str, published: dt.date | None = PUBLISHED, article_id: str = "test") -> Extraction:
    return default_extractor().extract(Article(article_id, text, None, published))


def found(ex: Extraction, kinds=("Person", "Country", "Organization", "Place")) -> list[tuple[str, str]]:
    """(surface, key) of every mention of an entity of those kinds, in text order."""
    return [(m.text, m.entity) for m in ex.mentions if ex.entities[m.entity].kind in kinds]


def key_for(ex: Extraction, surface: str) -> str:
    keys = [m.entity for m in ex.mentions if m.text == surface
            and ex.entities[m.entity].kind != "Dispute"]
    assert keys, f"no mention {surface!r} in {found(ex)}"
    assert len(set(keys)) == 1, keys
    return keys[0]


def kind_of(ex: Extraction, surface: str) -> str:
    return ex.entities[key_for(ex, surface)].kind


# --- mentions and offsets -------------------------------------------------------------
def test_every_mention_slices_the_text_and_names_a_known_entity():
    text = ("Secretary of State Antony Blinken met Foreign Minister Wang Yi in Vienna. "
            "The Commerce Department spokesperson, Rachel Whitmore, said BIS would act.")
    ex = extract(text)
    assert ex.mentions
    for m in ex.mentions:
        assert text[m.start:m.end] == m.text
        assert m.entity in ex.entities
    assert [m.start for m in ex.mentions] == sorted(m.start for m in ex.mentions)


# --- people in the catalog --------------------------------------------------------------
def test_catalog_person_by_full_name():
    ex = extract("Secretary of State Antony Blinken arrived in Beijing on Sunday.")
    assert key_for(ex, "Antony Blinken") == "person/antony-blinken"
    person = ex.entities["person/antony-blinken"]
    assert (person.kind, person.label, person.country) == ("Person", "Antony Blinken", "country/USA")


def test_catalog_person_by_alternative_name_with_initial():
    ex = extract("Antony J. Blinken arrived in Manila on Monday.")
    assert key_for(ex, "Antony J. Blinken") == "person/antony-blinken"


@pytest.mark.parametrize("text, surface, key, published", [
    ("Secretary Blinken told reporters the visit had been useful.", "Blinken", "person/antony-blinken",
     dt.date(2023, 6, 20)),
    ("Foreign Minister Wang Yi said China wanted stable ties.", "Wang Yi", "person/wang-yi", dt.date(2023, 6, 20)),
    ("President Xi received the delegation in the Great Hall of the People.", "Xi", "person/xi-jinping",
     dt.date(2023, 6, 20)),
    ("Treasury Secretary Yellen landed in Guangzhou on Thursday.", "Yellen", "person/janet-yellen",
     dt.date(2024, 4, 5)),
])
def test_catalog_person_by_title_and_family_name(text, surface, key, published):
    ex = extract(text, published)
    assert key_for(ex, surface) == key
    assert ex.entities[key].kind == "Person"


def test_family_name_alone_after_the_full_name_is_the_same_person():
    ex = extract("Foreign Minister Wang Yi said China wanted stable ties. "
                 "Wang added that the door to dialogue remained open.", dt.date(2023, 6, 20))
    people = [(s, k) for s, k in found(ex, ("Person",))]
    assert people == [("Wang Yi", "person/wang-yi"), ("Wang", "person/wang-yi")]


def test_catalog_person_keeps_the_forms_the_article_used():
    ex = extract("Secretary of State Antony Blinken arrived in Beijing on Sunday. "
                 "Blinken said the talks were candid.")
    assert key_for(ex, "Blinken") == "person/antony-blinken"
    assert "Blinken" in ex.entities["person/antony-blinken"].alt_labels


# --- people not in the catalog ----------------------------------------------------------
@pytest.mark.parametrize("text, surface, key", [
    ("Senator Margaret Ellison criticized the decision on Thursday.", "Margaret Ellison",
     "person/margaret-ellison"),
    ("Dr. Helen Marchetti, who studies Chinese trade policy, said tariffs rarely work.", "Helen Marchetti",
     "person/helen-marchetti"),
    ("Analyst Daniel Kessler said the measures would backfire.", "Daniel Kessler", "person/daniel-kessler"),
    ("Under Secretary Laura Pemberton will lead the delegation.", "Laura Pemberton", "person/laura-pemberton"),
    # a long remit, with commas and "for ... and ...", between the office and the name
    ("Assistant Secretary of Commerce for Export Enforcement, Intelligence, and Analysis Dana Whitcombe "
     "announced the rule.", "Dana Whitcombe", "person/dana-whitcombe"),
    ("Deputy Assistant Secretary of State for Japan and Korea Owen Marsh traveled to Tokyo.", "Owen Marsh",
     "person/owen-marsh"),
    # two middle initials
    ("The list named Harold J. T. Pennington of the Treasury.", "Harold J. T. Pennington",
     "person/harold-j-t-pennington"),
    # a Chinese family name that also opens a place's name
    ("He met Hong Weiming, Director-General of the ministry's treaty department.", "Hong Weiming",
     "person/hong-weiming"),
])
def test_unknown_person_after_a_title(text, surface, key):
    ex = extract(text)
    assert key_for(ex, surface) == key
    assert ex.entities[key].kind == "Person"
    assert ex.entities[key].label == surface


@pytest.mark.parametrize("text", [
    "Ruth Calloway, then Secretary of Veterans Affairs and Human Services, visited the base.",
    "The Assistant Secretary for Arms Control, Verification, and Compliance spoke on Monday.",
    "Protesters gathered in Hong Kong. Hong Kong-born activists joined them.",
])
def test_the_words_of_an_office_remit_are_not_a_person(text):
    ex = extract(text)
    people = [e.label for e in ex.entities.values() if e.kind == "Person"]
    assert all(not w.endswith(("Services", "Control", "Compliance", "Kong")) for w in people), people


@pytest.mark.parametrize("text, surface, key", [
    ("The Commerce Department spokesperson, Rachel Whitmore, said the rule takes effect next month.",
     "Rachel Whitmore", "person/rachel-whitmore"),
    ("A State Department spokesman, Robert Haldane, declined to comment.", "Robert Haldane",
     "person/robert-haldane"),
    ("Thomas Whitfield, a lawyer who advises exporters, said the rule was vague.", "Thomas Whitfield",
     "person/thomas-whitfield"),
])
def test_unknown_person_in_apposition(text, surface, key):
    ex = extract(text)
    assert key_for(ex, surface) == key
    assert ex.entities[key].kind == "Person"


def test_apposition_keeps_the_organization_apart_from_the_person():
    ex = extract("The Commerce Department spokesperson, Rachel Whitmore, said the rule takes effect next month.")
    assert found(ex) == [("Commerce Department", "org/us-department-of-commerce"),
                         ("Rachel Whitmore", "person/rachel-whitmore")]


@pytest.mark.parametrize("text, surface, key", [
    ("Vice Minister Zhao Hailong met the American delegation in Beijing.", "Zhao Hailong", "person/zhao-hailong"),
    ("Liu Jianping, a commerce ministry official, said the rules were fair.", "Liu Jianping",
     "person/liu-jianping"),
    ("China’s Foreign Ministry spokesperson, Chen Meiling, said Beijing opposed the measures.", "Chen Meiling",
     "person/chen-meiling"),
])
def test_unknown_chinese_name_family_name_first(text, surface, key):
    ex = extract(text)
    assert key_for(ex, surface) == key
    assert ex.entities[key].label == surface


@pytest.mark.parametrize("text, family, key", [
    ("Senator Margaret Ellison criticized the decision. Ellison said the rule was too weak.", "Ellison",
     "person/margaret-ellison"),
    ("Vice Minister Zhao Hailong led the delegation. Zhao said both sides had been frank.", "Zhao",
     "person/zhao-hailong"),
    ("Ms. Priya Raman, a trade adviser, said exporters were worried. Raman added that talks would resume.",
     "Raman", "person/priya-raman"),
])
def test_family_name_of_an_unknown_person_resolves_to_that_person(text, family, key):
    ex = extract(text)
    assert [k for s, k in found(ex, ("Person",))] == [key, key]
    assert key_for(ex, family) == key


@pytest.mark.parametrize("text", [
    "Grace periods for exporters end in May.",
    "Frank discussions took place in Geneva.",
    "Rising tariffs hurt farmers in Iowa.",
    "Analysts expect little progress. Observers say tensions remain high.",
])
def test_capitalised_words_at_sentence_start_are_not_people(text):
    assert found(extract(text), ("Person",)) == []


def test_given_name_shaped_word_before_a_capital_is_not_a_person():
    ex = extract("Will Beijing respond to the new tariffs?")
    assert found(ex, ("Person",)) == []
    assert key_for(ex, "Beijing") in ("country/CHN", "place/beijing")


# --- organizations ---------------------------------------------------------------------
@pytest.mark.parametrize("text, surface, key", [
    ("The Bureau of Industry and Security published the rule.", "Bureau of Industry and Security",
     "org/us-bureau-of-industry-and-security"),
    ("Officials said BIS would publish the list on Friday.", "BIS", "org/us-bureau-of-industry-and-security"),
    ("CBP officers seized the shipment in Los Angeles.", "CBP", "org/us-customs-and-border-protection"),
    ("The Ministry of Ecology and Environment issued a statement on emissions.",
     "Ministry of Ecology and Environment", "org/cn-ministry-of-ecology-and-environment"),
    ("The Chinese Foreign Ministry condemned the arms sale.", "Chinese Foreign Ministry",
     "org/cn-ministry-of-foreign-affairs"),
])
def test_catalog_organizations_by_name_and_short_form(text, surface, key):
    ex = extract(text)
    assert key_for(ex, surface) == key
    assert ex.entities[key].kind == "Organization"


def test_short_forms_are_case_sensitive():
    ex = extract("Arctic ice is melting faster, the report said. ICE agents detained two men.")
    assert [(s, k) for s, k in found(ex, ("Organization",))] == [("ICE", "org/us-immigration-and-customs-enforcement")]


@pytest.mark.parametrize("text, surface, key", [
    ("The Ministry of Water Resources issued new guidance on Monday.", "Ministry of Water Resources",
     "org/ministry-of-water-resources"),
    ("Shenzhen Example Technology Co., Ltd. denied the allegations.", "Shenzhen Example Technology Co., Ltd.",
     "org/shenzhen-example-technology-co-ltd"),
    ("Regulators named Harbor Robotics Inc. in the order.", "Harbor Robotics Inc.", "org/harbor-robotics-inc"),
])
def test_unknown_organizations_by_the_shape_of_their_names(text, surface, key):
    ex = extract(text)
    assert key_for(ex, surface) == key
    org = ex.entities[key]
    assert (org.kind, org.label) == ("Organization", surface)


def test_two_companies_in_a_list_are_two_organizations():
    ex = extract("Jiangsu Example Materials Co., Ltd. and Harbor Robotics Inc. were added to the list.")
    assert found(ex) == [("Jiangsu Example Materials Co., Ltd.", "org/jiangsu-example-materials-co-ltd"),
                         ("Harbor Robotics Inc.", "org/harbor-robotics-inc")]


# --- countries ---------------------------------------------------------------------------
@pytest.mark.parametrize("surface, key", [
    ("United States", "country/USA"),
    ("U.S.", "country/USA"),
    ("PRC", "country/CHN"),
    ("People’s Republic of China", "country/CHN"),
    ("China", "country/CHN"),
    ("American", "country/USA"),
    ("Chinese", "country/CHN"),
    ("Japanese", "country/JPN"),
])
def test_countries_by_name_short_form_and_demonym(surface, key):
    texts = {
        "United States": "Exports to the United States fell sharply.",
        "U.S.": "The U.S. resumed talks on Friday.",
        "PRC": "Officials from the PRC attended the forum.",
        "People’s Republic of China": "The People’s Republic of China rejected the report.",
        "China": "Soybean exports to China rose in May.",
        "American": "The tariffs hurt American farmers.",
        "Chinese": "Chinese negotiators arrived in Geneva.",
        "Japanese": "Japanese diplomats attended the talks.",
    }
    ex = extract(texts[surface])
    assert key_for(ex, surface) == key
    assert ex.entities[key].kind == "Country"


# --- capitals: the government or the city ----------------------------------------------------
@pytest.mark.parametrize("text, surface, key", [
    ("Beijing said on Tuesday that the tariffs violated trade rules.", "Beijing", "country/CHN"),
    ("Beijing has criticized the decision.", "Beijing", "country/CHN"),
    ("Washington accused Beijing of unfair trade practices.", "Washington", "country/USA"),
    ("Washington warned that the measures would backfire.", "Washington", "country/USA"),
    ("Analyst Daniel Kessler said Beijing would retaliate.", "Beijing", "country/CHN"),
])
def test_capital_standing_for_its_government_is_the_country(text, surface, key):
    ex = extract(text)
    assert key_for(ex, surface) == key
    assert ex.entities[key].kind == "Country"


@pytest.mark.parametrize("text, surface, key", [
    ("The senator announced a visit to Beijing next month.", "Beijing", "place/beijing"),
    ("Lawmakers in Washington pushed for a ban.", "Washington", "place/washington"),
    ("The delegation flew from Washington to Beijing on Monday.", "Beijing", "place/beijing"),
    ("The delegation's visit to Beijing lasted three days.", "Beijing", "place/beijing"),
])
def test_capital_as_a_location_stays_a_place(text, surface, key):
    ex = extract(text)
    assert key_for(ex, surface) == key
    place = ex.entities[key]
    assert place.kind == "Place"


def test_a_capital_place_belongs_to_its_country():
    ex = extract("The senator announced a visit to Beijing next month.")
    assert ex.entities["place/beijing"].country == "country/CHN"


def test_two_capitals_as_joint_subject_are_both_governments():
    ex = extract("Washington and Beijing agreed to extend the truce.")
    assert key_for(ex, "Washington") == "country/USA"
    assert key_for(ex, "Beijing") == "country/CHN"


def test_capital_as_the_accused_is_the_country():
    ex = extract("Washington accused Beijing of unfair trade practices.")
    assert key_for(ex, "Beijing") == "country/CHN"


def test_city_comma_country_gives_a_place_and_a_country():
    ex = extract("The ministers met in Rome, Italy on Friday.")
    assert found(ex) == [("Rome", "place/rome"), ("Italy", "country/ITA")]
    assert ex.entities["place/rome"].kind == "Place"
    assert ex.entities["country/ITA"].kind == "Country"
    assert ex.entities["place/rome"].country == "country/ITA"


# --- stable keys across articles ------------------------------------------------------------
def test_the_same_unknown_person_gets_the_same_key_in_two_articles():
    one = extract("The Commerce Department spokesperson, Rachel Whitmore, said the rule takes effect soon.",
                  article_id="one")
    two = extract("Senator Rachel Whitmore opposed the ban on Friday.", dt.date(2024, 7, 2), article_id="two")
    assert key_for(one, "Rachel Whitmore") == key_for(two, "Rachel Whitmore") == "person/rachel-whitmore"


def test_the_same_catalog_person_gets_the_same_key_whatever_the_form():
    one = extract("Secretary Blinken told reporters the visit had been useful.", dt.date(2023, 6, 20),
                  article_id="one")
    two = extract("Antony J. Blinken arrived in Manila on Monday.", dt.date(2024, 3, 19), article_id="two")
    three = extract("Secretary of State Antony Blinken spoke in Tokyo.", dt.date(2023, 11, 8), article_id="three")
    assert key_for(one, "Blinken") == key_for(two, "Antony J. Blinken") == key_for(three, "Antony Blinken")


def test_the_same_unknown_organization_gets_the_same_key_in_two_articles():
    one = extract("Shenzhen Example Technology Co., Ltd. denied the allegations.", article_id="one")
    two = extract("Regulators fined Shenzhen Example Technology Co., Ltd. on Monday.", article_id="two")
    assert key_for(one, "Shenzhen Example Technology Co., Ltd.") == \
        key_for(two, "Shenzhen Example Technology Co., Ltd.") == "org/shenzhen-example-technology-co-ltd"


def test_extraction_does_not_depend_on_the_article_id():
    text = "Vice Minister Zhao Hailong met Under Secretary Laura Pemberton in Washington."
    assert found(extract(text, article_id="a")) == found(extract(text, article_id="b"))


# --- people introduced by role, names that are not people, places by their last word ----------
@pytest.mark.parametrize("text, surface", [
    ("The talks were led by Deputy National Security Advisor Jane Doe.", "Jane Doe"),
    ("The delegation was led by Senior Director John Roe and two aides.", "John Roe"),
    ("Senior Director for Technology and National Security Ravi Marwaha and Deputy Special Envoy "
     "for Critical and Emerging Technology Liam Ashford led the delegation.", "Ravi Marwaha"),
    ("Senior Director for Technology and National Security Ravi Marwaha and Deputy Special Envoy "
     "for Critical and Emerging Technology Liam Ashford led the delegation.", "Liam Ashford"),
    ("Deputy Special Envoy for Critical and Emerging Technology Seth Center met industry leaders.", "Seth Center"),
    ("The talks followed the release of David Lin, a pastor held for years.", "David Lin"),
    ("He met Chen Jining, the city's party secretary.", "Chen Jining"),       # Jining is also a city
    ("Finance Minister Lan Fo'an met the delegation.", "Lan Fo'an"),
    ("Coordinator Bryce McNally spoke to reporters.", "Bryce McNally"),
    ("The envoy met Interior Secretary Jose Diaz Briseño in Mexico City.", "Jose Diaz Briseño"),
    ("The talks were attended by former Secretary of State Harold Vance.", "Harold Vance"),
    ("Beijing freed in September of last year Carl Minter, a businessman.", "Carl Minter"),
])
def test_people_introduced_by_role_or_name_are_persons(text, surface):
    assert kind_of(extract(text), surface) == "Person"


@pytest.mark.parametrize("text", [
    "The order suspends the De Minimis Volume exemption for small parcels.",
    "The Abraham Accords were signed in 2020.",
    "Three Americans, including a Hong Kong-born businessman, were freed.",
    "The plan is known as the Joint Comprehensive Plan.",
    "The reporter wrote for the New York Times.",
    "The Five Eyes partners shared the assessment.",
    "The duty is an Ad Valorem Rate of 10 percent.",
    "ADDRESSING THE FENTANYL CRISIS: the order sets new rules.",
    "Are Democrats and Republicans united on China?",
])
def test_capitalised_common_phrases_are_not_people(text):
    ex = extract(text)
    assert not [m.text for m in ex.mentions if ex.entities[m.entity].kind == "Person"]


@pytest.mark.parametrize("text, surface", [
    ("The envoys talked for two days at the Yanqi Lake retreat.", "Yanqi Lake"),
    ("The President spoke in the Rose Garden on Tuesday.", "Rose Garden"),
    ("Glaciers are shrinking on the Tibetan Plateau.", "Tibetan Plateau"),
    ("The leaders met in the Roosevelt Room.", "Roosevelt Room"),
    ("Coast guard ships collided near Sabina Shoal.", "Sabina Shoal"),
    ("The ministers met in Zurich in October.", "Zurich"),              # the gazetteer writes Zürich
    ("Defense Secretary Lloyd Austin arrived in Singapore on Friday.", "Singapore"),   # a city-state's city
])
def test_places_by_their_last_word_or_after_in(text, surface):
    assert kind_of(extract(text), surface) == "Place"


def test_a_city_state_that_speaks_stays_a_country():
    assert kind_of(extract("Singapore said it would stay neutral."), "Singapore") == "Country"


def test_a_country_named_like_its_capital_s_first_word_stays_a_country():
    assert kind_of(extract("The envoy traveled to Mexico for talks on fentanyl."), "Mexico") == "Country"


def test_the_end_of_a_longer_name_is_no_place():
    ex = extract("The Hong Kong Special Administrative Region Government issued a statement.")
    assert not [m.text for m in ex.mentions if ex.entities[m.entity].kind == "Place" and "Region" in m.text]


@pytest.mark.parametrize("text", ["The ministers met in March.", "The talks resumed on Monday in May."])
def test_month_names_are_not_towns(text):
    ex = extract(text)
    assert not [m.text for m in ex.mentions if ex.entities[m.entity].kind == "Place"]


# --- full names of organizations --------------------------------------------------------------
@pytest.mark.parametrize("text, surface", [
    ("The Women's Tennis Association suspended its events in China.", "Women's Tennis Association"),
    ("The China Censorship Monitor and Action Group will report each year.", "China Censorship Monitor and Action Group"),
    ("The U.S.-China Counternarcotics Working Group on January 30 met in Beijing.",
     "U.S.-China Counternarcotics Working Group"),
])
def test_an_organization_s_full_name_is_one_organization(text, surface):
    ex = extract(text)
    orgs = [m.text for m in ex.mentions if ex.entities[m.entity].kind == "Organization"]
    assert orgs == [surface]


def test_a_known_full_name_holds_no_shorter_organization():
    ex = extract("The National People's Congress opens its session in Beijing.")
    orgs = [m.entity for m in ex.mentions if ex.entities[m.entity].kind == "Organization"]
    assert orgs == ["org/cn-national-peoples-congress"]


def test_china_daily_is_a_newspaper_not_china():
    ex = extract("China Daily said the talks were candid.")
    assert found(ex) == [("China Daily", "org/cn-china-daily")]


def test_two_bodies_joined_by_and_stay_apart():
    ex = extract("The Treasury and Commerce Department acted together.")
    assert [m.entity for m in ex.mentions if ex.entities[m.entity].kind == "Organization"] == \
        ["org/us-department-of-commerce"]


def test_a_venue_is_not_an_organization():
    ex = extract("The leaders met at the Marina Bay Hotel Convention Center.")
    assert not [m.text for m in ex.mentions if ex.entities[m.entity].kind == "Organization"]


def test_a_former_state_is_a_country():
    ex = extract("Relations with the Soviet Union shaped the opening to China.")
    assert kind_of(ex, "Soviet Union") == "Country"


def test_the_foreign_ministry_is_that_of_the_country_the_article_names_most():
    ex = extract("China rejected the charge. Beijing will respond, the foreign ministry said.")
    assert key_for(ex, "foreign ministry") == "org/cn-ministry-of-foreign-affairs"


def test_a_capital_before_a_modal_is_its_government():
    ex = extract("Washington must not cross the red lines, the spokesman said.")
    assert key_for(ex, "Washington") == "country/USA"


def kinds_in(text: str) -> dict[str, str]:
    ex = extract(text)
    return {m.text: ex.entities[m.entity].kind for m in ex.mentions if ex.entities[m.entity].kind != "Dispute"}


def test_a_water_body_named_of_a_country_is_a_place_not_the_country():
    found = kinds_in("Jets flew over the Sea of Japan and the Gulf of Tonkin near the Bay of Bengal.")
    assert found == {"Sea of Japan": "Place", "Gulf of Tonkin": "Place", "Bay of Bengal": "Place"}


def test_a_known_name_in_a_title_does_not_run_into_the_next_capitalised_word():
    found = kinds_in("Fact Sheet: President Joe Biden Extends the Pause of Tariffs")
    assert found.get("Joe Biden") == "Person" and not any("Extends" in k for k in found)


def test_a_family_name_opening_a_sentence_names_who_it_names_mid_sentence():
    ex = extract("Blinken condemned the flight on Monday. The balloon, Blinken told reporters, was a violation.")
    people = [(m.text, m.entity) for m in ex.mentions if m.entity == "person/antony-blinken"]
    assert [t for t, _ in people] == ["Blinken", "Blinken"]


def test_a_family_name_opening_a_sentence_alone_names_no_one():
    ex = extract("Blinken condemned the flight on Monday.")
    assert "person/antony-blinken" not in ex.entities
