"""Minimum-cost assignment: give every row of a cost matrix its own column, at the least total
cost. The optimal matching suggestions in `app/services/fit.py` are built on it.

The method is the shortest augmenting path one of Jonker and Volgenant, in the form D. F. Crouse
gives for rectangular matrices ("On implementing 2D rectangular assignment algorithms", IEEE
Transactions on Aerospace and Electronic Systems 52(4), 2016), which is also what SciPy's
`linear_sum_assignment` does. Rows are added one at a time. For each new row a Dijkstra-like
search over the reduced costs `cost[i, j] - u[i] - v[j]` (never negative) finds the cheapest way
to give it a column, possibly by moving rows already placed to other columns; the potentials `u`
and `v` are then updated so that the reduced costs stay non-negative and are zero on every
chosen cell. The scan of one row across all columns is a NumPy expression, so the Python loop
runs once per step of a path, not once per cell.

At the end `u` and `v` prove the answer optimal: `u[i] + v[j] <= cost[i, j]` everywhere, with
equality on the chosen cells, `v[j] <= 0` everywhere and `v[j] == 0` on the columns left over.
Any other assignment then costs at least `sum(u) + sum(v)`, which is what this one costs.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np


class Assignment(NamedTuple):
    """The chosen cells (`rows[k]`, `columns[k]`), rows in order, and the potentials that
    prove them optimal."""

    rows: np.ndarray
    columns: np.ndarray
    row_potentials: np.ndarray
    column_potentials: np.ndarray


def min_cost_assignment(cost: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The cheapest way to give each row of `cost` (rows <= columns, every cost finite) a
    different column: `(rows, columns)`, with `rows` 0, 1, 2, ... in order, as SciPy's
    `linear_sum_assignment` returns them."""
    solution = solve_assignment(cost)
    return solution.rows, solution.columns


def solve_assignment(cost: np.ndarray) -> Assignment:
    """`min_cost_assignment`, with the potentials that prove the answer optimal."""
    cost = np.asarray(cost, dtype=float)
    if cost.ndim != 2:
        raise ValueError("the cost matrix must have two dimensions")
    n_rows, n_columns = cost.shape
    if n_rows > n_columns:
        raise ValueError("the cost matrix must not have more rows than columns")
    if not np.isfinite(cost).all():
        raise ValueError("every cost must be a finite number")

    u = np.zeros(n_rows)  # row potentials
    v = np.zeros(n_columns)  # column potentials
    column_of_row = np.full(n_rows, -1)
    row_of_column = np.full(n_columns, -1)
    for new_row in range(n_rows):
        _place_row(new_row, cost, u, v, column_of_row, row_of_column)
    return Assignment(np.arange(n_rows), column_of_row, u, v)


def _place_row(
    new_row: int,
    cost: np.ndarray,
    u: np.ndarray,
    v: np.ndarray,
    column_of_row: np.ndarray,
    row_of_column: np.ndarray,
) -> None:
    """Give `new_row` a column along the shortest augmenting path, keeping the rows already
    placed placed, and update the potentials. Changes the arrays in place."""
    n_columns = cost.shape[1]
    # distance[j]: the cheapest path found so far from new_row to column j, in reduced costs;
    # previous_row[j]: the row from which that path reaches j. `unscanned_distance` is the same
    # with the columns already scanned (their distance final) left out as infinitely far.
    distance = np.full(n_columns, np.inf)
    unscanned_distance = distance.copy()
    previous_row = np.full(n_columns, -1)
    unscanned = np.ones(n_columns, dtype=bool)
    free = row_of_column < 0
    scanned_rows = [new_row]
    row = new_row
    shortest = 0.0  # the distance to the column scanned last
    while True:
        # Reach every unscanned column from `row`, keeping the shorter way to each.
        through_row = cost[row] - v
        through_row += shortest - u[row]
        shorter = through_row < distance
        shorter &= unscanned
        np.copyto(distance, through_row, where=shorter)
        np.copyto(unscanned_distance, through_row, where=shorter)
        np.copyto(previous_row, row, where=shorter)
        # Scan the nearest unscanned column; among equally near ones prefer a free column,
        # which ends the search at once.
        column = int(unscanned_distance.argmin())
        shortest = float(unscanned_distance[column])
        if not free[column]:
            free_and_nearest = np.flatnonzero(free & (unscanned_distance == shortest))
            if free_and_nearest.size:
                column = int(free_and_nearest[0])
        unscanned[column] = False
        unscanned_distance[column] = np.inf
        if free[column]:
            break
        row = int(row_of_column[column])
        scanned_rows.append(row)

    # Potentials: keep every reduced cost non-negative and those on the path at zero.
    u[new_row] += shortest
    others = np.array(scanned_rows[1:], dtype=int)  # the rows met on the way, each once
    u[others] += shortest - distance[column_of_row[others]]
    scanned = ~unscanned
    v[scanned] -= shortest - distance[scanned]

    # Move the rows along the path back from the free column, ending with new_row placed.
    while True:
        row = int(previous_row[column])
        row_of_column[column] = row
        column_of_row[row], column = column, column_of_row[row]
        if row == new_row:
            break
