"""Pure scoring and analysis of assessments: values in, values out; no I/O, clock, settings or logging."""
