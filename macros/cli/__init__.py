"""The command line: `python -m macros new | lint | ledger | diff`."""
