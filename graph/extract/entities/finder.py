"""The entity pass: every kind of candidate name found in a text, the overlaps settled, the
short names, titles and ministries resolved within the article, then each mention read for
what it stands for there; the mentions in text order and the entities they name out."""
from __future__ import annotations

import datetime as dt

from graph.extract.catalog import Catalog
from graph.extract.entities.catalog_names import CatalogNames
from graph.extract.entities.context_names import ContextNames
from graph.extract.entities.candidate import marked
from graph.extract.entities.governments import Governments
from graph.extract.entities.organizations import OrganizationNames
from graph.extract.entities.overlaps import (add_nested_orgs, continues_capitalised, extends_known_person,
                                             settle, shortest_org_ends, starts_catalog_org, truncate_before)
from graph.extract.entities.people import PersonNames
from graph.extract.entities.places import PlaceNames
from graph.extract.entities.short_names import ShortNames
from graph.extract.entities.titles import OfficeTitles
from graph.extract.spans import Overlaps
from graph.model import Entity, Mention


class EntityFinder:
    """Finds entity mentions in an article; built once from the catalog (``shared``: other
    word lists that ride on the catalog names' pass, see ``CatalogNames``)."""

    def __init__(self, catalog: Catalog, shared: dict[str, dict[str, object]] | None = None):
        self.cat = catalog
        self.names = CatalogNames(catalog, shared)
        self.people = PersonNames(catalog, self.names)
        self.organizations = OrganizationNames(catalog, self.names)
        self.places = PlaceNames(catalog, self.names)
        self.governments = Governments(catalog, self.names)
        self.short_names = ShortNames(catalog)
        self.titles = OfficeTitles(catalog)
        self.context_names = ContextNames(catalog, self.names)

    def find(self, text: str, published: dt.date | None) -> tuple[list[Mention], dict[str, Entity]]:
        """Mentions in the text, in order, and the entities they name."""
        catalog = [c for c in self.names.catalog_candidates(text) if self.places.keep(c, text)]
        people = self.people.candidates(text)
        catalog += self.governments.administrations(text)
        catalog += self.places.candidates(text, catalog)
        org_ends = shortest_org_ends(catalog)
        orgs = [c for c in self.organizations.candidates(text) if not starts_catalog_org(c, org_ends)]
        orgs = truncate_before(orgs, [p for p in people + catalog if p.kind == "Person"], text,
                               self.organizations.org_heads)
        known_people = Overlaps(c for c in catalog if c.kind == "Person")
        people = [p for p in people if not extends_known_person(p, known_people, text)]
        chosen = settle(catalog + people + orgs)
        chosen = [c for c in chosen if not (c.role == "pattern" and continues_capitalised(text, c.end))]
        chosen = add_nested_orgs(chosen, catalog)
        taken = marked(text, chosen)  # where the names chosen so far stand, kept up to date by the three
        chosen = self.short_names.resolve(text, chosen, published, taken)
        chosen = self.titles.resolve(text, chosen, published, taken)
        chosen = self.governments.resolve_ministries(text, chosen, taken)
        chosen = self.context_names.resolve(text, chosen, taken)
        entities = {}
        mentions = []
        for c in chosen:
            entity = c.entity or self.cat.entities.get(c.key)
            if entity is None:
                continue
            if entity.kind == "Place":  # (the two answer the entity itself for any other kind)
                entity = self.governments.as_country_if_government(c, entity, text)
            if entity.kind == "Country":
                entity = self.governments.as_place_if_city_state(c, entity, text)
            surface = text[c.start:c.end]
            entities[entity.key] = merge_entity(entities.get(entity.key), entity, surface)
            mentions.append(Mention(entity.key, c.start, c.end, surface))
        return mentions, entities

    def shared_hits(self, text: str, part: str) -> list[tuple[int, object]] | None:
        """The hits of a shared word list in the text (see ``CatalogNames.shared_hits``)."""
        return self.names.shared_hits(text, part)


def merge_entity(old: Entity | None, new: Entity, surface: str) -> Entity:
    """The entity with the surface form added to its names (the forms this article used)."""
    base = old or new
    surface = surface.strip()
    if surface in base.alt_labels or surface.lower() == base.label.lower() or not surface[:1].isupper():
        return base
    return Entity(base.key, base.kind, base.label, base.alt_labels + (surface,), base.same_as, base.country,
                  base.broader, base.latitude, base.longitude, base.roles)
