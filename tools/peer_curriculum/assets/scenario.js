/* Placeholder: the scenario player is being written. */
