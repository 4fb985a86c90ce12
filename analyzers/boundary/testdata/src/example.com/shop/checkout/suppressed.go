package checkout

import (
	//archcheck:ignore dependency moving legacy behind events (SHOP-1)
	legacy2 "example.com/shop/legacy"
)

var _ = legacy2.Run
