module github.com/archcheck/archcheck

go 1.26.8
