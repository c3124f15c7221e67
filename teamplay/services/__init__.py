"""Use-cases: load state, apply a rule from game/, commit in one transaction, say what changed."""
