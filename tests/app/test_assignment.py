"""The minimum-cost assignment solver behind the matching suggestions: against brute force on
many small matrices, and proved optimal by its potentials on larger ones."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from app.services.assignment import min_cost_assignment, solve_assignment


def brute_force_cost(cost: np.ndarray) -> float:
    """The least total over every way of giving each row its own column."""
    n_rows, n_columns = cost.shape
    rows = np.arange(n_rows)
    return min(
        float(cost[rows, list(columns)].sum())
        for columns in itertools.permutations(range(n_columns), n_rows)
    )


def assert_a_valid_assignment(cost: np.ndarray, rows: np.ndarray, columns: np.ndarray) -> None:
    assert rows.tolist() == list(range(cost.shape[0]))
    assert len(set(columns.tolist())) == cost.shape[0]
    assert all(0 <= c < cost.shape[1] for c in columns.tolist())


def assert_proved_optimal(cost: np.ndarray) -> None:
    """Check the potentials' certificate: u[i] + v[j] <= cost[i, j] everywhere, equality on
    the chosen cells, v <= 0 and v == 0 on the columns left over. Then no assignment costs less
    than sum(u) + sum(v), and the chosen one costs exactly that."""
    rows, columns, u, v = solve_assignment(cost)
    assert_a_valid_assignment(cost, rows, columns)
    scale = 1e-9 * max(1.0, float(np.abs(cost).max()))
    assert (u[:, None] + v[None, :] <= cost + scale).all()
    assert np.allclose(u[rows] + v[columns], cost[rows, columns], rtol=0, atol=scale)
    assert (v <= scale).all()
    unused = np.setdiff1d(np.arange(cost.shape[1]), columns)
    assert np.allclose(v[unused], 0.0, rtol=0, atol=scale)
    total = float(cost[rows, columns].sum())
    assert total == pytest.approx(float(u.sum() + v.sum()), abs=scale * cost.size)


def small_matrices(seed: int) -> list[np.ndarray]:
    """Square and rectangular, with many ties (small whole numbers), negative costs,
    and real numbers."""
    rng = np.random.default_rng(seed)
    matrices = []
    for _ in range(60):
        n_rows = int(rng.integers(1, 6))
        n_columns = n_rows + int(rng.integers(0, 3))
        kind = rng.integers(3)
        if kind == 0:
            cost = rng.integers(0, 3, size=(n_rows, n_columns)).astype(float)
        elif kind == 1:
            cost = rng.integers(-50, 50, size=(n_rows, n_columns)).astype(float)
        else:
            cost = rng.normal(scale=100.0, size=(n_rows, n_columns))
        matrices.append(cost)
    return matrices


@pytest.mark.parametrize("seed", range(8))
def test_it_finds_the_least_cost_that_brute_force_finds(seed: int) -> None:
    for cost in small_matrices(seed):
        rows, columns = min_cost_assignment(cost)
        assert_a_valid_assignment(cost, rows, columns)
        assert float(cost[rows, columns].sum()) == pytest.approx(brute_force_cost(cost))


def test_a_hand_checked_case() -> None:
    cost = np.array([[4.0, 1.0, 3.0], [2.0, 0.0, 5.0], [3.0, 2.0, 2.0]])
    rows, columns = min_cost_assignment(cost)
    assert rows.tolist() == [0, 1, 2] and columns.tolist() == [1, 0, 2]


def test_the_greedy_choice_is_not_taken_when_it_costs_more_overall() -> None:
    # Row 0 is cheapest in column 0, but giving it to row 1 saves more.
    cost = np.array([[1.0, 2.0], [1.0, 100.0]])
    assert min_cost_assignment(cost)[1].tolist() == [1, 0]


def test_a_wide_matrix_leaves_the_dear_columns_unused() -> None:
    cost = np.array([[9.0, 1.0, 9.0, 9.0], [9.0, 9.0, 9.0, -3.0]])
    assert min_cost_assignment(cost)[1].tolist() == [1, 3]


def test_all_equal_costs_still_give_each_row_its_own_column() -> None:
    cost = np.full((6, 9), 7.0)
    rows, columns = min_cost_assignment(cost)
    assert_a_valid_assignment(cost, rows, columns)


@pytest.mark.parametrize(
    ("shape", "seed"),
    [((40, 40), 1), ((60, 150), 2), ((200, 200), 3), ((150, 400), 4), ((300, 310), 5)],
)
def test_larger_answers_are_proved_optimal_by_their_potentials(
    shape: tuple[int, int], seed: int
) -> None:
    rng = np.random.default_rng(seed)
    assert_proved_optimal(rng.normal(scale=50.0, size=shape))
    assert_proved_optimal(rng.integers(-5, 5, size=shape).astype(float))  # full of ties


def test_the_matching_shape_is_proved_optimal() -> None:
    # As suggest_pairs builds it: mentor columns repeated once per free place, large negative
    # values for allowed pairs, 1 for blocked ones, then one "stay waiting" column (0) for each
    # mentee.
    rng = np.random.default_rng(7)
    n_mentees, places = 120, rng.choice([1, 1, 2, 4], size=70)
    scores = rng.uniform(0, 100, size=(n_mentees, places.size))
    blocked = rng.random(scores.shape) < 0.2
    pairs = np.where(blocked, 1.0, -(100.0 * (n_mentees + 1) + scores))
    cost = np.hstack(
        [pairs[:, np.repeat(np.arange(places.size), places)], np.zeros((n_mentees, n_mentees))]
    )
    rows, columns = min_cost_assignment(cost)
    assert (cost[rows, columns] <= 0).all()  # a blocked pair is never worth choosing
    assert_proved_optimal(cost)


def test_no_rows_is_no_assignment() -> None:
    rows, columns = min_cost_assignment(np.zeros((0, 3)))
    assert rows.size == 0 and columns.size == 0


@pytest.mark.parametrize(
    "cost",
    [
        np.array([[1.0, np.nan], [0.0, 1.0]]),
        np.array([[1.0, np.inf], [0.0, 1.0]]),
        np.zeros((3, 2)),
        np.zeros(3),
    ],
    ids=["nan", "infinite", "more rows than columns", "one dimension"],
)
def test_a_matrix_it_cannot_solve_is_refused(cost: np.ndarray) -> None:
    with pytest.raises(ValueError):
        min_cost_assignment(cost)
