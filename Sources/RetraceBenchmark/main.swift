print("retrace-benchmark: not built yet")
