"""Renderers: text, JSON (the contract other tools read), HTML and PDF."""
