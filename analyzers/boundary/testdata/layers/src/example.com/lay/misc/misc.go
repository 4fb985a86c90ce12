package misc
