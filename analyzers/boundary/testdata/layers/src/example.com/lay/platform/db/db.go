package db

import _ "example.com/lay/platform/log"
