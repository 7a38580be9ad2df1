// Placeholder: filled in by later issues.
