"""Re-validation: re-fetch people's source pages conditionally, check they are still there and reachable,
update status and confidence, keep the history of changes."""
