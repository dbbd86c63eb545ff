"""Reading the people lists coordinators keep (CSV, .xlsx, .xls, .ods) into plain rows.

`reading` turns a file into sheets of cells (or a plain refusal); `columns` finds the header
row and matches columns to fields; `cells` turns one cell into a name, date, phone or PVG
number, with a warning rather than a refusal. The service that checks rows against the data
held and writes them is `app.services.importing`. Nothing here touches the database.
"""
