package main

import "github.com/mimeo-dedup/mimeo/internal/cliflags"

// recipeFlags are the flags of the signature recipe.
type recipeFlags = cliflags.Recipe
