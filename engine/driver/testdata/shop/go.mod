module example.com/shop

go 1.26

require example.com/sdk v1.0.0
