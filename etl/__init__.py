"""Musharaka's ETL: extract -> validate -> load, export, sample (python -m etl)."""
