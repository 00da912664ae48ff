"""Text machinery the extractors share: sentences, numbers, cues and phrases, boilerplate, embedders."""
