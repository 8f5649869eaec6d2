"""Importers that turn external exports into corpus drafts."""
