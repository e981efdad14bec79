"""Importers: bring existing essays into a presswork collection."""
