package checkout

import (
	//archcheck:ignore dependency analytics moves behind events in Q3 (SHOP-12)
	"example.com/shop/internal/analytics"
)

// Audit is an old hook kept for compatibility.
func Audit(id string) { analytics.Track(id) }
