"""Pure runtime functions, without servers."""
