"""newsflow: scraped news pages in, clean, split, tagged articles out."""

__version__ = "0.1.0"
