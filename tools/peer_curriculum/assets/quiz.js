/* Placeholder: the quiz player is being written. */
