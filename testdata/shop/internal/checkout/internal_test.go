package checkout

import (
	"testing"

	"example.com/shop/internal/legacy" // dependency in a test file: legacy is not in depends_on
)

func TestLegacy(t *testing.T) { legacy.Run() }
