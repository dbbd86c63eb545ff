"""Reports for managers, funders and quality awards: figures, packs and exports."""
