"""Printed documents: one module per document, all in the house style of `style.py`.

Import `app.printouts.catalogue` to build a document by kind and id; it loads ReportLab only
when something is printed.
"""
