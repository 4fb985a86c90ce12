package orders

import (
	_ "example.com/lay/domain/billing"
	_ "example.com/lay/platform/db" // want `\[dependency\] orders imports db \(example.com/lay/platform/db\), but db is not in orders's depends_on`
	_ "example.com/lay/platform/log"
)
