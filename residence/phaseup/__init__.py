"""The phase-up assistant: whether a resident meets the house's written criteria for the next
phase, criterion by criterion with the evidence from the records each area keeps."""
