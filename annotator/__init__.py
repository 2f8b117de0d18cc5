"""annotator: annotate Arabic news (quotes, speakers, cues, entities) for machine learning."""

__version__ = "0.1.0"
