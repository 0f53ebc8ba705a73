"""Spreadsheets, calendars and documents in and out.

openpyxl parses with lxml whenever lxml is installed (python-docx brings it), and then
defusedxml no longer guards the workbooks it reads: an entity attack would be parsed. So
openpyxl is told, before any module here imports it, to keep to its defusedxml parser.
"""
import os

os.environ["OPENPYXL_LXML"] = "False"
