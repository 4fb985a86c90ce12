package catalog

import _ "example.com/lay/platform/db"
