"""Privacy controls: provenance ("where and when did you get my data"), erasure and objection, retention,
and masking of contact data in logs."""
