"""uscn: a knowledge graph of US–China relations built from news articles and official statements."""

__version__ = "0.1.0"
