package platform

// Log logs.
func Log() {}
