"""Role-play scenarios: one notebook per scenario feeds the site player, Jupyter play, nbgrader and role cards."""
