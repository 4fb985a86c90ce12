module example.com/declines

go 1.26
