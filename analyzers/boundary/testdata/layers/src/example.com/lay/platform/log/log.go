package log

import _ "example.com/lay/web" //archcheck:ignore layer the audit hook, until it moves
