"""Entity components: places, organisations, persons, and the linker that joins their mentions."""
