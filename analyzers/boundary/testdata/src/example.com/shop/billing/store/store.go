package store

// Save saves.
func Save() {}
