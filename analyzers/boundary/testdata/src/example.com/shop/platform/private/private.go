package private

// X is private to platform.
var X = 1
