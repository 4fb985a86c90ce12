//go:build !linux && !darwin

package sysmem

func physical() uint64 { return 0 }
