"""Quiz banks: one YAML source for the site quiz, the grader and the LMS and nbgrader exports."""
