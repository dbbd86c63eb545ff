"""Reports for managers, funders and quality awards: the figures, their charts and the
evaluation report built from them."""
