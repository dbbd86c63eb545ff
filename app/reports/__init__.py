"""Reports for managers, funders and quality awards: the figures and their charts, the
evaluation report, the evidence pack and the exports of the underlying tables."""
