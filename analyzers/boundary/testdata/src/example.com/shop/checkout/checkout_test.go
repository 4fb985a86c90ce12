package checkout_test

import (
	"testing"

	"example.com/shop/checkout"
	"example.com/shop/legacy" // want `\[dependency\] checkout imports legacy \(example.com/shop/legacy\), but legacy is not in checkout's depends_on`
)

func TestX(t *testing.T) { _ = checkout.Dummy; legacy.Run() }
