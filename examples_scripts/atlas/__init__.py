"""The error atlas as data: the messages the standard library can show, and what each one means for a reader."""
