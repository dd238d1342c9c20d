"""Files for programs, each derived from the entries' records: twins, catalog.json, llms.txt, lookup index, OpenAPI,
client constants, spreadsheet, feeds; pure."""
